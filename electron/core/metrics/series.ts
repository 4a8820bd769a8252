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

/** What a series id stands for: frozen, since every observation of the series shares its segment. */
export interface SeriesLabels {
  metric: MetricName;
  cohort: Cohort;
  segment: Readonly<Segment>;
}

interface Cache {
  ids: Level;
  labels: Map<number, SeriesLabels>;
  find: Statement<unknown[]>;
  insert: Statement<unknown[]>;
  byId: Statement<unknown[]>;
}

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = {
      ids: new Map(),
      labels: new Map(),
      byId: db.prepare('SELECT metric, cohort, region, device, tenant FROM metric_series WHERE id = ?').raw(true),
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

/**
 * The labels of a series, read once per id: a look reads a row or two of every series, and reading
 * each series' five strings again at every look was half of what it read. Ids are never reused, as no
 * series row is ever deleted (and a rolled-back insert's are forgotten with forgetSeries).
 */
export function seriesLabels(db: Db, id: number): SeriesLabels | null {
  const cache = cacheOf(db);
  const known = cache.labels.get(id);
  if (known) return known;
  const row = cache.byId.get(id) as [MetricName, Cohort, string, string, string] | undefined;
  if (!row) return null;
  const [metric, cohort, region, device, tenant] = row;
  const labels: SeriesLabels = Object.freeze({ metric, cohort, segment: Object.freeze({ region, device, tenant }) });
  cache.labels.set(id, labels);
  return labels;
}

/** Forget cached ids, after series rows were removed (a release deleted, a rollback of a transaction). */
export function forgetSeries(db: Db): void {
  caches.get(db)?.ids.clear();
  caches.get(db)?.labels.clear();
}
