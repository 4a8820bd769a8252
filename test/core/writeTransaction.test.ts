import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase } from '../../electron/core/db/open.ts';
import { writeTransaction } from '../../electron/core/db/write.ts';
import { DEMO_SERVICE_ID } from '../../electron/core/demo/seed.ts';
import { createCore } from '../../electron/core/core.ts';
import { operator } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

/** A second connection to the same file, as another host has; it never waits for a lock. */
function otherHost(dataDir: string): Database.Database {
  const other = new Database(path.join(dataDir, DB_FILE));
  other.pragma('busy_timeout = 0');
  return other;
}

describe('write transactions shared by two hosts', () => {
  it('hold the write lock from their first read, so another host cannot slip a write in between and fail them', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const other = otherHost(dir);
    const written = writeTransaction(db, () => {
      const before = (db.prepare('SELECT COUNT(*) AS n FROM tokens').get() as { n: number }).n;
      // With a deferred transaction this write would go through, and ours below would fail with SQLITE_BUSY_SNAPSHOT.
      expect(() => other.prepare("INSERT INTO tokens (id, hash, role, label, created_at) VALUES ('x', 'h', 'viewer', 'x', 1)").run()).toThrow(
        expect.objectContaining({ code: 'SQLITE_BUSY' }),
      );
      db.prepare("INSERT INTO tokens (id, hash, role, label, created_at) VALUES ('ours', 'h2', 'viewer', 'ours', 1)").run();
      return before + 1;
    });
    expect(written).toBe(1);
    expect(other.prepare('SELECT id FROM tokens').all()).toEqual([{ id: 'ours' }]);
    other.close();
    db.close();
  });

  it('refuse a decision with "unavailable", changing nothing, when another host keeps the lock past every retry', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, version: 't', demo: true, guard: false, busyTimeoutMs: 0, log: () => {} });
    const other = otherHost(dir);
    other.exec('BEGIN IMMEDIATE');
    const refused = await core.invoke('decide', { releaseId: DEMO_SERVICE_ID, action: 'pause', reason: 'while locked' }, operator);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    other.exec('ROLLBACK');
    const detail = await core.invoke('getRelease', { releaseId: DEMO_SERVICE_ID }, operator);
    expect(detail).toMatchObject({ ok: true, value: { release: { status: 'rolling' }, decisions: [] } });
    // Once the other host lets go, the same decision goes through.
    expect(await core.invoke('decide', { releaseId: DEMO_SERVICE_ID, action: 'pause', reason: 'after the lock' }, operator)).toMatchObject({ ok: true });
    other.close();
    core.close();
  });
});
