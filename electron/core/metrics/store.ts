import type { Dimension, MetricName, Observation, Sample, SeriesPoint } from '../../../shared/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.ts';
import { forgetSeries, seriesId } from './series.ts';
import { writeTransaction } from '../db/write.ts';

const statements = new WeakMap<Db, Statement<unknown[]>>();

/**
 * Writes a batch in one transaction: one commit per batch, series ids from the cache. A second
 * sample for the same series and time merges with the first by weight rather than failing.
 */
export function insertSamples(db: Db, samples: readonly Sample[]): void {
  let insert = statements.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO samples (series_id, t, value, weight) VALUES (?, ?, ?, ?)
       ON CONFLICT (series_id, t) DO UPDATE SET
         value = (value * weight + excluded.value * excluded.weight) / NULLIF(weight + excluded.weight, 0),
         weight = weight + excluded.weight`,
    );
    statements.set(db, insert);
  }
  const stmt = insert;
  try {
    writeTransaction(db, () => {
      for (let i = 0; i < samples.length; i += 1) {
        const s = samples[i]!;
        stmt.run(seriesId(db, s), s.t, s.value, s.weight);
      }
    });
  } catch (error) {
    // Ids cached inside the failed transaction may name rows that no longer exist.
    forgetSeries(db);
    throw error;
  }
}

/**
 * Canary and baseline per timestamp over [since, until], all segments combined by weight: raw samples
 * where they are kept, minute roll-ups where retention has compacted them.
 */
export function seriesFor(db: Db, releaseId: string, metric: MetricName, since: number, until: number = Number.MAX_SAFE_INTEGER): SeriesPoint[] {
  return db
    .prepare(
      `SELECT t,
         SUM(CASE WHEN cohort = 'canary' THEN ws END) / SUM(CASE WHEN cohort = 'canary' THEN w END) AS canary,
         SUM(CASE WHEN cohort = 'baseline' THEN ws END) / SUM(CASE WHEN cohort = 'baseline' THEN w END) AS baseline
       FROM (
         SELECT ms.cohort, s.t, s.value * s.weight AS ws, s.weight AS w
           FROM metric_series ms JOIN samples s ON s.series_id = ms.id
           WHERE ms.release_id = @releaseId AND ms.metric = @metric AND s.t >= @since AND s.t <= @until
         UNION ALL
         SELECT ms.cohort, r.bucket, r.weighted_sum, r.weight
           FROM metric_series ms JOIN sample_rollups r ON r.series_id = ms.id
           WHERE ms.release_id = @releaseId AND ms.metric = @metric AND r.bucket >= @since AND r.bucket <= @until
       )
       GROUP BY t ORDER BY t`,
    )
    .all({ releaseId, metric, since, until }) as SeriesPoint[];
}

export interface SegmentSeries {
  key: string;
  points: SeriesPoint[];
}

/** The same per segment value of one dimension (every region, say), for small multiples. */
export function segmentSeriesFor(db: Db, releaseId: string, metric: MetricName, dimension: Dimension, since: number): SegmentSeries[] {
  const rows = db
    .prepare(
      `SELECT ms.${dimension} AS key, s.t AS t,
         SUM(CASE WHEN ms.cohort = 'canary' THEN s.value * s.weight END) / SUM(CASE WHEN ms.cohort = 'canary' THEN s.weight END) AS canary,
         SUM(CASE WHEN ms.cohort = 'baseline' THEN s.value * s.weight END) / SUM(CASE WHEN ms.cohort = 'baseline' THEN s.weight END) AS baseline
       FROM metric_series ms JOIN samples s ON s.series_id = ms.id
       WHERE ms.release_id = ? AND ms.metric = ? AND ms.${dimension} != '' AND s.t >= ?
       GROUP BY ms.${dimension}, s.t ORDER BY ms.${dimension}, s.t`,
    )
    .all(releaseId, metric, since) as (SeriesPoint & { key: string })[];
  const byKey = new Map<string, SeriesPoint[]>();
  for (const { key, ...point } of rows) byKey.set(key, [...(byKey.get(key) ?? []), point]);
  return [...byKey].map(([key, points]) => ({ key, points }));
}

export type TimedObservation = Observation & { t: number };

const observationStatements = new WeakMap<Db, Map<number, Statement<unknown[]>>>();

/** One prepared statement per number of metrics asked, kept per database: the guard runs this every tick. */
function observationStatement(db: Db, metricCount: number): Statement<unknown[]> {
  let byCount = observationStatements.get(db);
  if (!byCount) {
    byCount = new Map();
    observationStatements.set(db, byCount);
  }
  let stmt = byCount.get(metricCount);
  if (!stmt) {
    stmt = db
      .prepare(
        `SELECT ms.metric, ms.cohort, ms.region, ms.device, ms.tenant, s.value, s.weight, s.t
         FROM metric_series ms JOIN samples s ON s.series_id = ms.id
         WHERE ms.release_id = ? AND ms.metric IN (${Array.from({ length: metricCount }, () => '?').join(',')}) AND s.t >= ? AND s.t <= ?`,
      )
      .raw(true);
    byCount.set(metricCount, stmt);
  }
  return stmt;
}

type ObservationRow = [MetricName, 'canary' | 'baseline', string, string, string, number, number, number];

/** Every raw sample of the given metrics in [since, until], in the shape gates judge. */
export function observationsFor(db: Db, releaseId: string, metrics: readonly MetricName[], since: number, until: number): Map<MetricName, TimedObservation[]> {
  const byMetric = new Map<MetricName, TimedObservation[]>(metrics.map((m) => [m, []]));
  if (metrics.length === 0) return byMetric;
  const rows = observationStatement(db, metrics.length).all(releaseId, ...metrics, since, until) as ObservationRow[];
  for (const [metric, cohort, region, device, tenant, value, weight, t] of rows) {
    byMetric.get(metric)?.push({ cohort, segment: { region, device, tenant }, value, weight, t });
  }
  return byMetric;
}
