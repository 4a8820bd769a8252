import { Cohort, PUSH_REPORT_WAIT_MS, type MetricName } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';

interface Reported {
  releaseId: string;
  metric: MetricName;
  cohort: Cohort;
  t: number;
}

/**
 * What an ingest call reports: for each release, metric and cohort it carries, rows up to its newest
 * time. A cell without a row there had nothing to report (a tiny segment in a quiet minute), not a
 * row still on its way: each cohort's rows of a metric for a time come in one call.
 */
export function recordPushReports(db: Db, rows: readonly Reported[], at: number): void {
  const newest = new Map<string, Reported>();
  for (const row of rows) {
    const key = `${row.releaseId}\u0000${row.metric}\u0000${row.cohort}`;
    const seen = newest.get(key);
    if (!seen || row.t > seen.t) newest.set(key, row);
  }
  const upsert = statement(
    db,
    `INSERT INTO push_reports (release_id, metric, cohort, reported_until, received_at, heard_since) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (release_id, metric, cohort) DO UPDATE SET reported_until = MAX(reported_until, excluded.reported_until), received_at = excluded.received_at`,
  );
  for (const r of newest.values()) upsert.run(r.releaseId, r.metric, r.cohort, r.t, at, at);
}

/** Fold nothing new: a cohort or metric the guard waits for has not reported yet. */
export const HOLD = Number.NEGATIVE_INFINITY;

/**
 * How far a pushed release's samples of these metrics may be folded at `at`: the oldest report of
 * their cohorts heard from in the last PUSH_REPORT_WAIT_MS. One not heard from at all holds the fold
 * (HOLD) until the release's first push is that old: a recording sent one cohort after the other
 * would otherwise be judged on the first alone. Null for a release nothing was pushed to (a backtest
 * writes its recording up to its clock). Folding past the frontier skipped, for good, the rows of a
 * cohort sent a moment after the other's.
 */
export function pushFrontier(db: Db, releaseId: string, metrics: readonly MetricName[], at: number): number | null {
  const rows = statement(db, 'SELECT metric, cohort, reported_until, received_at, heard_since FROM push_reports WHERE release_id = ?').all(releaseId) as {
    metric: MetricName;
    cohort: Cohort;
    reported_until: number;
    received_at: number;
    heard_since: number;
  }[];
  if (rows.length === 0) return null;
  const waiting = at - Math.min(...rows.map((r) => r.heard_since)) < PUSH_REPORT_WAIT_MS;
  let frontier: number | null = null;
  for (const metric of metrics) {
    for (const cohort of Cohort.options) {
      const r = rows.find((row) => row.metric === metric && row.cohort === cohort);
      if (!r) {
        if (waiting) return HOLD;
        continue;
      }
      if (r.received_at < at - PUSH_REPORT_WAIT_MS) continue;
      if (frontier === null || r.reported_until < frontier) frontier = r.reported_until;
    }
  }
  return frontier;
}
