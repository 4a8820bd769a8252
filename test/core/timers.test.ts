import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCore } from '../../electron/core/core.ts';
import { DB_FILE } from '../../electron/core/db/open.ts';
import { isBusy } from '../../electron/core/db/write.ts';
import { dataFile } from '../support/dataFile.ts';
import { tempDir } from '../support/tmp.ts';

describe('the core timers', () => {
  it('log a simulator tick that fails, with its error, and keep ticking once the data folder is free again', async () => {
    const dir = tempDir();
    const logged: { message: string; error: unknown }[] = [];
    const core = createCore({ dataDir: dir, version: 't', demo: true, guard: false, simulateEveryMs: 50, busyTimeoutMs: 0, log: (message, error) => logged.push({ message, error }) });
    const samples = (): number => (dataFile(dir).prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n;
    // Another host holds the write lock: every tick now fails inside its timer.
    const other = new Database(path.join(dir, DB_FILE));
    other.exec('BEGIN IMMEDIATE');
    await vi.waitFor(() => expect(logged.some((l) => /simulator tick failed/.test(l.message) && isBusy(l.error))).toBe(true), { timeout: 10_000 });
    other.exec('ROLLBACK');
    other.close();
    const before = samples();
    await vi.waitFor(() => expect(samples()).toBeGreaterThan(before), { timeout: 10_000 });
    core.close();
  });
});
