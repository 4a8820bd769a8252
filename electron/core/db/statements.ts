import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';

const byDb = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

/**
 * Each query prepared once per database: the ones the guard, the poller, ingest and the charts run
 * all the time would otherwise be compiled again on every call. `raw` rows come back as arrays.
 */
export function statement(db: Db, sql: string, raw = false): Statement<unknown[]> {
  let cache = byDb.get(db);
  if (!cache) byDb.set(db, (cache = new Map()));
  const key = raw ? `raw:${sql}` : sql;
  let stmt = cache.get(key);
  if (!stmt) cache.set(key, (stmt = raw ? db.prepare(sql).raw(true) : db.prepare(sql)));
  return stmt;
}
