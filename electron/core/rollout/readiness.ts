import { estimateTraffic, planDecideTimes, planOfStages, sampleBlocksOf, type MetricName, type PlanReadiness, type Release, type TrafficSource } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { observationsFor } from '../metrics/store.ts';
import { judgeOptionsOf } from '../repos/guardState.ts';
import { getStages } from '../repos/releases.ts';

/** Long enough to smooth a minute's burst, short enough to follow the day's traffic. */
export const TRAFFIC_WINDOW_MS = 60 * 60 * 1000;

/**
 * Whether the plan's stages can decide within their soak, at the traffic of the release's own last
 * hour: the Release detail's readiness and the pre-flight's evidence check.
 */
export function planReadinessOf(db: Db, release: Pick<Release, 'id' | 'planName' | 'target' | 'source'>, until: number): PlanReadiness {
  const stages = getStages(db, release.id);
  const plan = planOfStages(release.planName || 'Plan', release.target, stages, judgeOptionsOf(db, release.id));
  const metrics = [...new Set<MetricName>(stages.flatMap((s) => s.gates.map((g) => g.metric)))];
  const observations = observationsFor(db, release.id, metrics, until - TRAFFIC_WINDOW_MS, until);
  const traffic = estimateTraffic(observations, sampleBlocksOf(release.source, stages[0]?.startedAt ?? null));
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const list of observations.values()) {
    for (const o of list) {
      first = Math.min(first, o.t);
      last = Math.max(last, o.t);
    }
  }
  const source: TrafficSource = traffic
    ? { kind: 'observed', text: `this release’s samples over the last ${Math.max(1, Math.round((last - first) / 60_000))} min`, since: first, until: last }
    : { kind: 'unknown', text: 'no samples of this release in the last hour', since: until - TRAFFIC_WINDOW_MS, until };
  return { releaseId: release.id, traffic, source, stages: planDecideTimes(plan, traffic) };
}
