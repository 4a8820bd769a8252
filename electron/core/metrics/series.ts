import type { Cohort, MetricName, Segment } from '../../../shared/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.ts';

export interface SeriesKey {
  releaseId: string;
  metric: MetricName;
  cohort: Cohort;
  segment: Segment;
}

/** Nested by key part: six Map lookups cost a quarter of building and hashing one joined string. */
type Level = Map<string, Level | number>;

interface Cache {
  ids: Level;
  find: Statement<unknown[]>;
  insert: Statement<unknown[]>;
}

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = {
      ids: new Map(),
      find: db.prepare('SELECT id FROM metric_series WHERE release_id = ? AND metric = ? AND cohort = ? AND region = ? AND device = ? AND tenant = ?'),
      insert: db.prepare('INSERT INTO metric_series (release_id, metric, cohort, region, device, tenant) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    caches.set(db, cache);
  }
  return cache;
}

function level(parent: Level, key: string): Level {
  let next = parent.get(key) as Level | undefined;
  if (next === undefined) {
    next = new Map();
    parent.set(key, next);
  }
  return next;
}

/** The id of a series, created on first sight; ids are cached, so steady ingest never looks them up. */
export function seriesId(db: Db, k: SeriesKey): number {
  const cache = cacheOf(db);
  const leaf = level(level(level(level(level(cache.ids, k.releaseId), k.metric), k.cohort), k.segment.region), k.segment.device);
  const known = leaf.get(k.segment.tenant) as number | undefined;
  if (known !== undefined) return known;
  const args = [k.releaseId, k.metric, k.cohort, k.segment.region, k.segment.device, k.segment.tenant];
  const row = cache.find.get(...args) as { id: number } | undefined;
  const id = row ? row.id : Number(cache.insert.run(...args).lastInsertRowid);
  leaf.set(k.segment.tenant, id);
  return id;
}

/** Forget cached ids, after series rows were removed (a release deleted, a rollback of a transaction). */
export function forgetSeries(db: Db): void {
  caches.get(db)?.ids.clear();
}
