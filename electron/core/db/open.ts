import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE } from '../paths.ts';
import { assertNotFromFuture, migrate } from './migrations.ts';
import { retryBusy } from './write.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** A path to better-sqlite3's addon, for hosts whose loader cannot find it (Electron from an asar). */
  nativeBinding?: string;
  /** How long a statement waits for another connection's lock (5000 ms by default). */
  busyTimeoutMs?: number;
  /** For tests: stop at an older schema version. */
  migrateTo?: number;
}

export { DB_FILE } from '../paths.ts';
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DB_FILE);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // First, so that even switching the journal mode waits for another host that is opening the same file.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    // Refuse a newer file before anything (even the journal mode) is written to it.
    retryBusy(() => assertNotFromFuture(db, file));
    retryBusy(() => db.pragma('journal_mode = WAL'));
    db.pragma('foreign_keys = ON');
    // WAL with NORMAL keeps committed data across an application crash; only a power loss may drop the last commits.
    db.pragma('synchronous = NORMAL');
    migrate(db, file, options.migrateTo);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
