import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll } from 'vitest';
import { DB_FILE } from '../../electron/core/db/open.ts';

const opened = new Map<string, Database.Database>();

/**
 * The data folder's database on a connection of the test's own, as another process would open it:
 * the core keeps its connection to itself. Reads see what the core committed; a writable one
 * (`write: true`) stands for someone editing the file, or for a test seeding rows the core then reads.
 * One connection per folder and mode, closed when the file's tests are done.
 */
export function dataFile(dataDir: string, options: { write?: boolean } = {}): Database.Database {
  const key = `${options.write ? 'rw' : 'ro'}:${dataDir}`;
  let db = opened.get(key);
  if (!db) {
    db = new Database(path.join(dataDir, DB_FILE), { readonly: !options.write, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    opened.set(key, db);
    const closing = db;
    afterAll(() => {
      opened.delete(key);
      closing.close();
    });
  }
  return db;
}
