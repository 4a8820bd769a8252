import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

const made = new Set<string>();

function remove(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

// Registered as the test file imports this module, so it runs when the file's tests are done: an
// afterAll registered later, inside a test or a beforeAll, never runs.
afterAll(() => {
  for (const dir of made) remove(dir);
});

/** A fresh folder per call, removed when the test that made it finishes, or, made outside a test, with the file's tests. */
export function tempDir(prefix = 'stagegate-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  try {
    onTestFinished(() => remove(dir));
  } catch {
    // Not inside a test: the afterAll above removes it.
  }
  return dir;
}
