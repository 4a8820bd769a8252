import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

// Each full run left hundreds of data folders (a gigabyte in a day) in the OS temp dir: an afterAll
// registered inside a test or a beforeAll never runs.
describe('tempDir', () => {
  let fromBeforeAll = '';
  let fromTest = '';
  beforeAll(() => {
    fromBeforeAll = tempDir();
  });
  afterAll(() => {
    expect(fs.existsSync(fromBeforeAll)).toBe(true);
  });

  it('gives a folder of its own that a test can write in', () => {
    fromTest = tempDir();
    fs.writeFileSync(`${fromTest}/a.sqlite`, 'x');
    expect(fs.readdirSync(fromTest)).toEqual(['a.sqlite']);
    expect(fromTest).not.toBe(fromBeforeAll);
  });

  it('removes a folder made inside a test when that test finishes, files and all', () => {
    expect(fromTest).not.toBe('');
    expect(fs.existsSync(fromTest)).toBe(false);
  });

  it('keeps a folder made in a beforeAll for the rest of the file', () => {
    expect(fs.existsSync(fromBeforeAll)).toBe(true);
  });
});
