import type { Cohort, MetricName, Segment } from '../../../shared/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.ts';

export interface SeriesKey {
  releaseId: string;
  metric: MetricName;
  cohort: Cohort;
  segment: Segment;
}

interface Cache {
  ids: Map<string, number>;
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

const keyOf = (k: SeriesKey): string => `${k.releaseId}\u0000${k.metric}\u0000${k.cohort}\u0000${k.segment.region}\u0000${k.segment.device}\u0000${k.segment.tenant}`;

/** The id of a series, created on first sight; ids are cached, so steady ingest never looks them up. */
export function seriesId(db: Db, k: SeriesKey): number {
  const cache = cacheOf(db);
  const key = keyOf(k);
  const known = cache.ids.get(key);
  if (known !== undefined) return known;
  const args = [k.releaseId, k.metric, k.cohort, k.segment.region, k.segment.device, k.segment.tenant];
  const row = cache.find.get(...args) as { id: number } | undefined;
  const id = row ? row.id : Number(cache.insert.run(...args).lastInsertRowid);
  cache.ids.set(key, id);
  return id;
}

/** Forget cached ids, after series rows were removed (a release deleted, a rollback of a transaction). */
export function forgetSeries(db: Db): void {
  caches.get(db)?.ids.clear();
}
