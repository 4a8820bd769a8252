import type { MetricName, Observation, Sample, SeriesPoint } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';

/** Inserts a batch in one transaction: one fsync per batch rather than per row. */
export function insertSamples(db: Db, samples: readonly Sample[]): void {
  const insert = db.prepare(
    'INSERT INTO metric_samples (release_id, metric, cohort, region, device, tenant, t, value, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const s of samples) {
      insert.run(s.releaseId, s.metric, s.cohort, s.segment.region, s.segment.device, s.segment.tenant, s.t, s.value, s.weight);
    }
  })();
}

/** Canary and baseline per timestamp, all segments combined by weight. */
export function seriesFor(db: Db, releaseId: string, metric: MetricName, sinceMs: number): SeriesPoint[] {
  const rows = db
    .prepare(
      `SELECT t,
         SUM(CASE WHEN cohort = 'canary' THEN value * weight END) / SUM(CASE WHEN cohort = 'canary' THEN weight END) AS canary,
         SUM(CASE WHEN cohort = 'baseline' THEN value * weight END) / SUM(CASE WHEN cohort = 'baseline' THEN weight END) AS baseline
       FROM metric_samples
       WHERE release_id = ? AND metric = ? AND t >= ?
       GROUP BY t ORDER BY t`,
    )
    .all(releaseId, metric, sinceMs) as SeriesPoint[];
  return rows;
}

interface ObservationRow {
  metric: MetricName;
  cohort: 'canary' | 'baseline';
  region: string;
  device: string;
  tenant: string;
  value: number;
  weight: number;
}

/** Every sample of the given metrics in [since, until], in the shape gates judge. */
export function observationsFor(db: Db, releaseId: string, metrics: readonly MetricName[], since: number, until: number): Map<MetricName, Observation[]> {
  const byMetric = new Map<MetricName, Observation[]>(metrics.map((m) => [m, []]));
  if (metrics.length === 0) return byMetric;
  const rows = db
    .prepare(
      `SELECT metric, cohort, region, device, tenant, value, weight FROM metric_samples
       WHERE release_id = ? AND metric IN (${metrics.map(() => '?').join(',')}) AND t >= ? AND t <= ?`,
    )
    .all(releaseId, ...metrics, since, until) as ObservationRow[];
  for (const r of rows) {
    byMetric.get(r.metric)?.push({ cohort: r.cohort, segment: { region: r.region, device: r.device, tenant: r.tenant }, value: r.value, weight: r.weight });
  }
  return byMetric;
}
