import { Cohort, PUSH_LAG_TOLERATED_MS, PUSH_REPORT_WAIT_MS, type MetricName } from '../../../shared/index.ts';
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
 * time (never past `at`: a row stamped ahead of the clock reports nothing beyond it). A cell without
 * a row there had nothing to report (a tiny segment in a quiet minute), not a row still on its way:
 * each cohort's rows of a metric for a time come in one call. A call after PUSH_REPORT_WAIT_MS of
 * silence begins a new run of pushes.
 */
export function recordPushReports(db: Db, rows: readonly Reported[], at: number): void {
  const newest = new Map<string, Reported>();
  for (const row of rows) {
    const key = `${row.releaseId}\u0000${row.metric}\u0000${row.cohort}`;
    const seen = newest.get(key);
    if (!seen || row.t > seen.t) newest.set(key, row);
  }
  const runs = new Map<string, number>();
  for (const releaseId of new Set(rows.map((r) => r.releaseId))) {
    const last = statement(db, 'SELECT MAX(received_at) AS receivedAt, MAX(reporting_since) AS since FROM push_reports WHERE release_id = ?').get(releaseId) as {
      receivedAt: number | null;
      since: number | null;
    };
    const since = last.receivedAt !== null && last.since !== null && at - last.receivedAt <= PUSH_REPORT_WAIT_MS ? last.since : at;
    if (since === at) statement(db, 'UPDATE push_reports SET reporting_since = ? WHERE release_id = ?').run(at, releaseId);
    runs.set(releaseId, since);
  }
  const upsert = statement(
    db,
    `INSERT INTO push_reports (release_id, metric, cohort, reported_until, received_at, reporting_since) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (release_id, metric, cohort) DO UPDATE SET reported_until = MAX(reported_until, excluded.reported_until), received_at = excluded.received_at`,
  );
  for (const r of newest.values()) upsert.run(r.releaseId, r.metric, r.cohort, Math.min(r.t, at), at, runs.get(r.releaseId)!);
}

/** How far a pushed release may be folded, and the cohort it waits for while the others are further. */
export interface PushFrontier {
  /** Fold up to here; -Infinity: nothing new (a gate metric's cohort not heard from yet). */
  until: number;
  /** The cohort and metric behind the others', which a promotion waits for: its rows may show what the others' do not. */
  waitingFor: { metric: MetricName; cohort: Cohort; reportedUntil: number | null } | null;
}

/**
 * How far a pushed release's samples of these metrics may be folded at `at`: the oldest report of
 * their cohorts still reporting — heard from in the last PUSH_REPORT_WAIT_MS, or at all in the
 * first PUSH_REPORT_WAIT_MS of a run of pushes (after a pause every cohort is as silent as the one
 * that comes back first). One not heard from at all holds the fold in those first minutes: a
 * recording sent one cohort after the other would otherwise be judged on the first alone. Null for a
 * release nothing was pushed to (a backtest writes its recording up to its clock); with every cohort
 * silent, the newest row pushed. Folding past the frontier skipped, for good, the rows of a cohort
 * sent a moment after the other's.
 */
export function pushFrontier(db: Db, releaseId: string, metrics: readonly MetricName[], at: number): PushFrontier | null {
  const rows = statement(db, 'SELECT metric, cohort, reported_until, received_at, reporting_since FROM push_reports WHERE release_id = ?').all(releaseId) as {
    metric: MetricName;
    cohort: Cohort;
    reported_until: number;
    received_at: number;
    reporting_since: number;
  }[];
  if (rows.length === 0) return null;
  const runBegun = at - rows[0]!.reporting_since < PUSH_REPORT_WAIT_MS;
  let oldest: (typeof rows)[number] | null = null;
  let newest = Number.NEGATIVE_INFINITY;
  for (const metric of metrics) {
    for (const cohort of Cohort.options) {
      const r = rows.find((row) => row.metric === metric && row.cohort === cohort);
      if (!r) {
        if (runBegun) return { until: Number.NEGATIVE_INFINITY, waitingFor: { metric, cohort, reportedUntil: null } };
        continue;
      }
      if (!runBegun && r.received_at < at - PUSH_REPORT_WAIT_MS) continue;
      newest = Math.max(newest, r.reported_until);
      if (oldest === null || r.reported_until < oldest.reported_until) oldest = r;
    }
  }
  // Every cohort silent: fold up to the newest row pushed, never into time nothing was pushed for
  // (a look then, as a guard's on starting, made a backfill of that time late).
  if (oldest === null) return { until: Math.max(...rows.map((r) => r.reported_until)), waitingFor: null };
  // A cohort that keeps reporting a little later than the others is an exporter's steady delay, not rows on their way: held to it, a passing stage never promoted.
  const behind = newest - oldest.reported_until > PUSH_LAG_TOLERATED_MS;
  return { until: oldest.reported_until, waitingFor: behind ? { metric: oldest.metric, cohort: oldest.cohort, reportedUntil: oldest.reported_until } : null };
}
