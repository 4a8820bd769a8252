import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

const PYTHON = '/usr/bin/python3';
const scipy = spawnSync(PYTHON, ['-c', 'import scipy, numpy; print(scipy.__version__)'], { encoding: 'utf8' });
const committed = JSON.parse(fs.readFileSync('test/fixtures/mannwhitneyu.json', 'utf8')) as { scipy: string };
const sameScipy = scipy.status === 0 && scipy.stdout.trim() === committed.scipy;
if (!sameScipy) {
  console.warn(
    scipy.status === 0
      ? `SciPy ${scipy.stdout.trim()} differs from the fixtures' ${committed.scipy}: the reproducibility check did not run`
      : "Debian's python3-scipy is not installed: the reproducibility check of the SciPy fixtures did not run",
  );
}

describe('the SciPy reference fixtures', () => {
  it.skipIf(!sameScipy)('are what scripts/judge-fixtures.py produces with SciPy, byte for byte', () => {
    const out = path.join(tempDir('stagegate-fixtures-'), 'mannwhitneyu.json');
    const run = spawnSync(PYTHON, ['scripts/judge-fixtures.py', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync('test/fixtures/mannwhitneyu.json', 'utf8'));
  }, 120_000);
});
