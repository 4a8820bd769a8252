import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';
import { testFiles, unassertedTests } from '../../scripts/test-assertions.ts';

const names = (text: string, file = 'test/x.test.ts') => unassertedTests(file, text).map((t) => t.name);

describe('the test-assertion check', () => {
  it('names a test that runs code but asserts nothing, with its line', () => {
    const found = unassertedTests('test/x.test.ts', "import { it } from 'vitest';\n\nit('runs', () => {\n  run();\n});\n");
    expect(found).toEqual([{ file: 'test/x.test.ts', line: 3, name: 'runs' }]);
  });

  it('names a Playwright test without expect', () => {
    expect(names("test('opens', async ({ page }) => { await page.goto('/'); });", 'test/e2e/x.spec.ts')).toEqual(['opens']);
  });

  it('names each-tests and only-tests too', () => {
    expect(names("it.each([1, 2])('n %s', (n) => { run(n); });\nit.only('o', () => {});")).toEqual(['n %s', 'o']);
  });

  it('accepts expect, expect.poll, assert and a helper of the file that asserts', () => {
    const text = [
      "it('a', () => { expect(1).toBe(1); });",
      "test('b', async ({ page }) => { await expect.poll(() => page.title()).toBe('x'); });",
      "it('c', () => { assert.equal(1, 1); });",
      'function sameRow(a: number) { expect(a).toBe(1); }',
      'const viaHelper = (a: number) => sameRow(a);',
      "it('d', () => viaHelper(1));",
    ].join('\n');
    expect(names(text)).toEqual([]);
  });

  it('leaves skipped and todo tests and hooks alone', () => {
    expect(names("it.skip('s', () => {});\nit.todo('t');\nbeforeEach(() => { setup(); });\ndescribe('d', () => {});")).toEqual([]);
  });

  it('finds nothing unasserted in this repository, unit and e2e files read', () => {
    const files = testFiles('.');
    expect(files).toContain('test/lint/testAssertions.test.ts');
    expect(files.some((f) => f.startsWith('test/e2e/') && f.endsWith('.spec.ts'))).toBe(true);
    expect(files.flatMap((f) => unassertedTests(f, fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('fails the npm test step on a folder holding a test file without an assertion', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'test', 'core'), { recursive: true });
    fs.writeFileSync(path.join(root, 'test', 'core', 'bad.test.ts'), "it('does not look', () => { run(); });\n");
    const run = spawnSync(process.execPath, ['scripts/test-assertions.ts', root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bad.test.ts:1: the test "does not look" asserts nothing');
  });
});
