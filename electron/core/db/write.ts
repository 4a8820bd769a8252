import Database from 'better-sqlite3';
import type { Db } from './open.ts';

/** Attempts at taking the write lock; each already waits up to the connection's busy_timeout inside SQLite. */
export const WRITE_ATTEMPTS = 3;
const FIRST_BACKOFF_MS = 25;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** SQLITE_BUSY and its extended codes (…_SNAPSHOT, …_RECOVERY, …_TIMEOUT): another connection holds the lock. */
export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/**
 * Runs fn in one synchronous transaction that takes the write lock up front (BEGIN IMMEDIATE).
 * A deferred transaction that reads first cannot upgrade once another host has written since
 * (SQLITE_BUSY_SNAPSHOT); taking the lock first means its reads are the latest and it never has to.
 * When the lock cannot be had, the transaction is retried a bounded number of times with growing,
 * jittered pauses; only an attempt whose body never ran is retried, since fn may touch memory too.
 * Inside another transaction it is a savepoint of that one, which already holds the lock.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  let ran = false;
  const body = db.transaction(() => {
    ran = true;
    return fn();
  });
  for (let attempt = 1; ; attempt += 1) {
    try {
      return body.immediate();
    } catch (error) {
      if (ran || !isBusy(error) || attempt >= WRITE_ATTEMPTS) throw error;
      // Synchronous like the transaction itself (SQLite's own busy wait blocks the same way); bounded and short.
      const pause = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
      Atomics.wait(sleeper, 0, 0, pause / 2 + Math.random() * pause);
    }
  }
}

/**
 * Retries a statement that takes a lock outside a transaction (switching the journal mode while
 * another host opens the same new file) when SQLite answers busy without waiting: bounded, ≈ 5 s.
 */
export function retryBusy<T>(fn: () => T, attempts = 50, pauseMs = 100): T {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return fn();
    } catch (error) {
      if (!isBusy(error) || attempt >= attempts) throw error;
      Atomics.wait(sleeper, 0, 0, pauseMs / 2 + Math.random() * pauseMs);
    }
  }
}
