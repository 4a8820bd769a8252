import { observationsByMetric, overlappingMetrics, sampleBlocksOf, type BacktestRow, type MetricName, type ObservationAt, type Plan, type PlanReadiness } from '../../../shared/index.ts';
import { readinessOfObservations, TRAFFIC_WINDOW_MS } from '../rollout/readiness.ts';

/** A recording's last hour, per metric: the window the live pre-flight reads a release's traffic from. */
const lastHour = (rows: readonly BacktestRow[], until: number): Map<MetricName, ObservationAt[]> => observationsByMetric(rows, (r) => r.t > until - TRAFFIC_WINDOW_MS);

/**
 * Whether a plan's stages can decide within their soak at a recording's traffic, before any rollout:
 * the pre-flight's readiness with the recording standing in for a release's last hour of samples
 * (pushed samples, their minutes counted from the recording's first row). `name` is the recording's,
 * for a person.
 */
export function recordingReadiness(plan: Plan, rows: readonly BacktestRow[], name: string): Omit<PlanReadiness, 'releaseId'> {
  let first = Number.POSITIVE_INFINITY;
  let until = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    first = Math.min(first, r.t);
    until = Math.max(until, r.t);
  }
  // Rows without traffic to read: canary rows alone, or a last row far past the rest (its hour holds it alone).
  const none = rows.length ? `too little in the last hour of ${name} to read traffic from: it needs baseline rows in two minutes or more` : `no row of ${name}`;
  const names = { observed: (minutes: number) => `${name} over the last ${minutes} min`, none };
  const startedAt = rows.length ? first : null;
  const readiness = readinessOfObservations(plan, lastHour(rows, until), { source: 'push', startedAt }, names, rows.length ? until : 0);
  // The whole recording, as the CLI's note on it reads it.
  return { ...readiness, overlaps: overlappingMetrics(observationsByMetric(rows), sampleBlocksOf('push', startedAt)) };
}
