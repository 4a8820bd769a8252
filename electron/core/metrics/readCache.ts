import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.ts';

/**
 * What the guard read of each series, kept between looks: a look reads the stage's data since it began,
 * so without this every look re-reads everything the last one read. A look then reads only rows newer
 * than the last look's end. Anything that could change what was read drops it: a write in this
 * connection at or before the end read (insertSamples), compaction, a failed write, and any commit by
 * another connection (`PRAGMA data_version`), such as the CLI ingesting into the same file.
 */
interface Range {
  since: number;
  until: number;
  points: { t: number }[];
}

interface ReadCache {
  dataVersion: Statement<unknown[]>;
  seenVersion: number;
  ranges: Map<number, Range>;
  size: number;
}

/** At most this many points are kept per database; past it the cache starts again empty. */
const MAX_POINTS = 2_000_000;

const caches = new WeakMap<Db, ReadCache>();

function cacheOf(db: Db): ReadCache {
  let cache = caches.get(db);
  if (!cache) {
    const dataVersion = db.prepare('PRAGMA data_version').pluck();
    cache = { dataVersion, seenVersion: dataVersion.get() as number, ranges: new Map(), size: 0 };
    caches.set(db, cache);
  }
  return cache;
}

function clear(cache: ReadCache): void {
  cache.ranges.clear();
  cache.size = 0;
}

/** Drops everything when another connection has committed since the last look. Call once per read. */
export function checkReadCache(db: Db): void {
  const cache = cacheOf(db);
  const version = cache.dataVersion.get() as number;
  if (version !== cache.seenVersion) {
    cache.seenVersion = version;
    clear(cache);
  }
}

/** The first index whose t is at least `t` (points are in time order). */
function lowerBound(points: readonly { t: number }[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The points of one series in [since, until], in time order: what the cache holds, plus `read(from, to)`
 * (inclusive, integer times) for what it does not. The array is the cache's: read it, do not change it.
 */
export function cachedRange<T extends { t: number }>(db: Db, seriesId: number, since: number, until: number, read: (from: number, to: number) => T[]): readonly T[] {
  const cache = cacheOf(db);
  const kept = cache.ranges.get(seriesId);
  if (kept && since >= kept.since && until >= kept.until) {
    if (since > kept.since) {
      const drop = lowerBound(kept.points, since);
      kept.points = kept.points.slice(drop);
      cache.size -= drop;
      kept.since = since;
    }
    if (until > kept.until) {
      const fresh = read(kept.until + 1, until);
      for (const p of fresh) kept.points.push(p);
      cache.size += fresh.length;
      kept.until = until;
    }
    return kept.points as T[];
  }
  const points = read(since, until);
  if (kept) cache.size -= kept.points.length;
  if (cache.size + points.length > MAX_POINTS) clear(cache);
  cache.ranges.set(seriesId, { since, until, points });
  cache.size += points.length;
  return points;
}

/** After a write in this connection: each series written at or before the end it was read to is read again. */
export function invalidateWritten(db: Db, earliestBySeries: ReadonlyMap<number, number>): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const [id, t] of earliestBySeries) {
    const kept = cache.ranges.get(id);
    if (kept && t <= kept.until) {
      cache.ranges.delete(id);
      cache.size -= kept.points.length;
    }
  }
}

/** Forget every read (compaction removed rows, a write failed part-way). */
export function forgetReads(db: Db): void {
  const cache = caches.get(db);
  if (cache) clear(cache);
}

/** Whether anything is cached, so a writer can skip tracking what it wrote when nothing is. */
export function hasCachedReads(db: Db): boolean {
  return (caches.get(db)?.ranges.size ?? 0) > 0;
}
