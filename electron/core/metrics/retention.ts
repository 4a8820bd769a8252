import type { Db } from '../db/open.ts';
import { DAY_MS } from '../../../shared/time.ts';
import { writeTransaction } from '../db/write.ts';

export const MINUTE_MS = 60_000;

export interface RetentionPolicy {
  /** Raw samples older than this are rolled up into minutes and removed. */
  rawMs: number;
  /** Minute roll-ups older than this are removed. */
  rollupMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { rawMs: 48 * 60 * 60 * 1000, rollupMs: 90 * DAY_MS };

export interface Compaction {
  series: number;
  rolledUp: number;
  rollupsRemoved: number;
}

/**
 * Keeps a long rollout small: raw samples past the raw horizon become one row per series and
 * minute (count, weight, weighted sum, min, max), so charts of old periods stay exact in mean.
 * Works series by series on the primary key, one transaction each, so ingest is never blocked long.
 * Missing values (NULL) are dropped with the raw rows and counted in no roll-up.
 */
export function compact(db: Db, now: number, policy: RetentionPolicy = DEFAULT_RETENTION): Compaction {
  const rawBefore = Math.floor((now - policy.rawMs) / MINUTE_MS) * MINUTE_MS;
  const rollupBefore = now - policy.rollupMs;
  const rollUp = db.prepare(
    `INSERT INTO sample_rollups (series_id, bucket, n, weight, weighted_sum, min, max)
     SELECT series_id, (t / ${MINUTE_MS}) * ${MINUTE_MS} AS bucket, COUNT(*), SUM(weight), SUM(value * weight), MIN(value), MAX(value)
       FROM samples WHERE series_id = ? AND t < ? AND value IS NOT NULL GROUP BY bucket
     ON CONFLICT (series_id, bucket) DO UPDATE SET
       n = n + excluded.n, weight = weight + excluded.weight, weighted_sum = weighted_sum + excluded.weighted_sum,
       min = MIN(min, excluded.min), max = MAX(max, excluded.max)`,
  );
  const dropRaw = db.prepare('DELETE FROM samples WHERE series_id = ? AND t < ?');
  const dropRollups = db.prepare('DELETE FROM sample_rollups WHERE series_id = ? AND bucket < ?');
  const result: Compaction = { series: 0, rolledUp: 0, rollupsRemoved: 0 };
  for (const { id } of db.prepare('SELECT id FROM metric_series').all() as { id: number }[]) {
    writeTransaction(db, () => {
      rollUp.run(id, rawBefore);
      result.rolledUp += dropRaw.run(id, rawBefore).changes;
      result.rollupsRemoved += dropRollups.run(id, rollupBefore).changes;
    });
    result.series += 1;
  }
  return result;
}
