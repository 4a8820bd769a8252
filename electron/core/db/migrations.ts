import type { Database } from 'better-sqlite3';
import { migrations } from './migrations/index.ts';
import { writeTransaction } from './write.ts';

export { migrations, type Migration } from './migrations/index.ts';

export const LATEST_VERSION = migrations.at(-1)?.version ?? 0;

export class DatabaseFromFutureError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(file: string, found: number, supported: number) {
    super(
      `${file} was written by a newer Stagegate (database version ${found}; this build knows up to ${supported}). ` +
        'Update Stagegate, or point --data-dir at another folder; the file was left untouched.',
    );
    this.name = 'DatabaseFromFutureError';
    this.found = found;
    this.supported = supported;
  }
}

/** The file's schema version; a file from a newer Stagegate is refused before anything is written to it. */
export function assertNotFromFuture(db: Database, file: string): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > LATEST_VERSION) throw new DatabaseFromFutureError(file, found, LATEST_VERSION);
  return found;
}

/** Applies every pending migration in one transaction: a failure leaves the file as it was. */
export function migrate(db: Database, file: string, upTo: number = LATEST_VERSION): { from: number; to: number } {
  // Two hosts may open a new file at once: the version is read again under the write lock, so one migrates and the other sees it done.
  return writeTransaction(db, () => {
    const from = assertNotFromFuture(db, file);
    const pending = migrations.filter((m) => m.version > from && m.version <= upTo);
    if (pending.length === 0) return { from, to: from };
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
    return { from, to: pending.at(-1)!.version };
  });
}
