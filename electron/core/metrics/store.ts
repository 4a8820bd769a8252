import type { Dimension, MetricName, Observation, Sample, SegmentSeries, SeriesPoint } from '../../../shared/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.ts';
import { forgetSeries, seriesId, seriesLabels } from './series.ts';
import { writeTransaction } from '../db/write.ts';
import { statement } from '../db/statements.ts';


/** A sample as stored: `value` null is a missing value, kept as such and skipped by every reader. */
export type StoredSample = Omit<Sample, 'value'> & { value: number | null };

/**
 * Writes a batch in one transaction: one commit per batch, series ids from the cache. A series has one
 * value per time: a second sample for the same series and time replaces the first (an idempotent upsert),
 * so a batch delivered twice — a retried ingest, a re-sent file — is counted once. The simulator shares
 * this path: it writes each series once per tick, and when it does repeat a tick's time (a restart, a
 * test ticking the same instant) the second value is the same observation again, not more traffic.
 */
export function insertSamples(db: Db, samples: readonly StoredSample[]): void {
  try {
    writeTransaction(db, () => {
      let i = 0;
      if (samples.length >= CHUNK) {
        const stmt = upsert(db, CHUNK);
        const args: (number | null)[] = new Array<number | null>(4 * CHUNK);
        for (; i + CHUNK <= samples.length; i += CHUNK) {
          for (let j = 0; j < CHUNK; j += 1) {
            const s = samples[i + j]!;
            args[4 * j] = seriesId(db, s);
            args[4 * j + 1] = s.t;
            args[4 * j + 2] = s.value;
            args[4 * j + 3] = s.weight;
          }
          stmt.run(args);
        }
      }
      const one = upsert(db, 1);
      for (; i < samples.length; i += 1) {
        const s = samples[i]!;
        one.run(seriesId(db, s), s.t, s.value, s.weight);
      }
    });
  } catch (error) {
    // Ids cached inside the failed transaction may name rows that no longer exist.
    forgetSeries(db);
    throw error;
  }
}

/**
 * Rows a statement inserts: a backtest writes tens of thousands, and one statement run per row was
 * most of the time. Past a few rows SQLite's multi-row VALUES costs more than it saves: 32 a
 * statement ingested at about 60 % of a plain one-row loop, 4 at about its rate, in batches of 80
 * (a backtest's look) and of 2,400 alike. Within one statement rows are upserted in order, so a later
 * row for the same series and time still replaces an earlier one.
 */
const CHUNK = 4;

function upsert(db: Db, rows: number): Statement<unknown[]> {
  return statement(
    db,
    `INSERT INTO samples (series_id, t, value, weight) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ')}
     ON CONFLICT (series_id, t) DO UPDATE SET value = excluded.value, weight = excluded.weight`,
  );
}

/**
 * Canary and baseline per timestamp over [since, until], all segments combined by weight: raw samples
 * where they are kept, minute roll-ups where retention has compacted them. Missing values are skipped.
 */
export function seriesFor(db: Db, releaseId: string, metric: MetricName, since: number, until: number = Number.MAX_SAFE_INTEGER): SeriesPoint[] {
  return statement(
    db,
    `SELECT t,
         SUM(CASE WHEN cohort = 'canary' THEN ws END) / SUM(CASE WHEN cohort = 'canary' THEN w END) AS canary,
         SUM(CASE WHEN cohort = 'baseline' THEN ws END) / SUM(CASE WHEN cohort = 'baseline' THEN w END) AS baseline
       FROM (
         SELECT ms.cohort, s.t, s.value * s.weight AS ws, s.weight AS w
           FROM metric_series ms JOIN samples s ON s.series_id = ms.id
           WHERE ms.release_id = @releaseId AND ms.metric = @metric AND s.t >= @since AND s.t <= @until AND s.value IS NOT NULL
         UNION ALL
         SELECT ms.cohort, r.bucket, r.weighted_sum, r.weight
           FROM metric_series ms JOIN sample_rollups r ON r.series_id = ms.id
           WHERE ms.release_id = @releaseId AND ms.metric = @metric AND r.bucket >= @since AND r.bucket <= @until
       )
       GROUP BY t ORDER BY t`,
  ).all({ releaseId, metric, since, until }) as SeriesPoint[];
}

/** The same per segment value of one dimension (every region, say), for small multiples; roll-ups past the raw horizon. */
export function segmentSeriesFor(db: Db, releaseId: string, metric: MetricName, dimension: Dimension, since: number): SegmentSeries[] {
  const rows = statement(
    db,
    `SELECT key, t,
       SUM(CASE WHEN cohort = 'canary' THEN ws END) / SUM(CASE WHEN cohort = 'canary' THEN w END) AS canary,
       SUM(CASE WHEN cohort = 'baseline' THEN ws END) / SUM(CASE WHEN cohort = 'baseline' THEN w END) AS baseline
     FROM (
       SELECT ms.${dimension} AS key, ms.cohort, s.t, s.value * s.weight AS ws, s.weight AS w
         FROM metric_series ms JOIN samples s ON s.series_id = ms.id
         WHERE ms.release_id = @releaseId AND ms.metric = @metric AND ms.${dimension} != '' AND s.t >= @since AND s.value IS NOT NULL
       UNION ALL
       SELECT ms.${dimension}, ms.cohort, r.bucket, r.weighted_sum, r.weight
         FROM metric_series ms JOIN sample_rollups r ON r.series_id = ms.id
         WHERE ms.release_id = @releaseId AND ms.metric = @metric AND ms.${dimension} != '' AND r.bucket >= @since
     )
     GROUP BY key, t ORDER BY key, t`,
  ).all({ releaseId, metric, since }) as (SeriesPoint & { key: string })[];
  const byKey = new Map<string, SeriesPoint[]>();
  for (const { key, ...point } of rows) {
    const points = byKey.get(key);
    if (points) points.push(point);
    else byKey.set(key, [point]);
  }
  return [...byKey].map(([key, points]) => ({ key, points }));
}

/** `cellOnly`: a backfilled cell whose block's total was judged on total rows (metrics/backfilled.ts). */
export type TimedObservation = Observation & { t: number; cellOnly?: true };

/** The guard's read, every look: the points of the asked metrics in one scan, series by series in label order. */
function pointsStatement(db: Db, metricCount: number): Statement<unknown[]> {
  const metrics = Array.from({ length: metricCount }, () => '?').join(',');
  // CROSS JOIN keeps the series outside, each one's window a range of the (series, time) key; the series index gives the order.
  return statement(
    db,
    `SELECT ms.id, s.t, s.value, s.weight FROM metric_series ms CROSS JOIN samples s ON s.series_id = ms.id
     WHERE ms.release_id = ? AND ms.metric IN (${metrics}) AND s.t >= ? AND s.t <= ? AND s.value IS NOT NULL
     ORDER BY ms.metric, ms.cohort, ms.region, ms.device, ms.tenant, s.t`,
    true,
  );
}

type PointRow = [number, number, number, number];

/**
 * Every raw sample of the given metrics in [since, until] that has a value, in the shape gates judge,
 * series by series. One query for the points (a query per series was most of a look's reading, where
 * a look reads a row or two of each); each series' labels come from the series cache, so the
 * observations of one series share one frozen segment object. The guard asks only for what arrived
 * since its last look.
 */
export function observationsFor(db: Db, releaseId: string, metrics: readonly MetricName[], since: number, until: number): Map<MetricName, TimedObservation[]> {
  const byMetric = new Map<MetricName, TimedObservation[]>(metrics.map((m) => [m, []]));
  if (metrics.length === 0) return byMetric;
  for (const [id, t, value, weight] of pointsStatement(db, metrics.length).all(releaseId, ...metrics, since, until) as PointRow[]) {
    const labels = seriesLabels(db, id);
    const into = labels && byMetric.get(labels.metric);
    if (into) into.push({ cohort: labels.cohort, segment: labels.segment, value, weight, t });
  }
  return byMetric;
}

/** The newest time any of a release's series has a value at (each series' max off its primary key). */
export function lastSampleAt(db: Db, releaseId: string): number | null {
  const row = statement(
    db,
    `SELECT MAX((SELECT MAX(t) FROM samples s WHERE s.series_id = ms.id AND s.value IS NOT NULL)) AS t
       FROM metric_series ms WHERE ms.release_id = ?`,
  ).get(releaseId) as { t: number | null } | undefined;
  return row?.t ?? null;
}
