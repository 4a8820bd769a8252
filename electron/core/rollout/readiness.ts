import {
  estimateTraffic,
  gateMetricsOf,
  planDecideTimes,
  planOfStages,
  sampleBlocksOf,
  type MetricName,
  type ObservationAt,
  type Plan,
  type PlanReadiness,
  type Release,
  type TrafficSource,
} from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { observationsFor } from '../metrics/store.ts';
import { judgeOptionsOf } from '../repos/guardState.ts';
import { getStages } from '../repos/releases.ts';

/** Long enough to smooth a minute's burst, short enough to follow the day's traffic. */
export const TRAFFIC_WINDOW_MS = 60 * 60 * 1000;

/**
 * Whether a plan's stages can decide within their soak at the traffic these samples show, pooled as
 * the guard pools them (`source` and `startedAt` give its sample blocks). `names` say, for a person,
 * whose samples they are and what it means when there are none.
 */
export function readinessOfObservations(
  plan: Plan,
  observations: ReadonlyMap<MetricName, readonly ObservationAt[]>,
  blocks: { source: Release['source']; startedAt: number | null },
  names: { observed: string; none: string },
  until: number,
): Omit<PlanReadiness, 'releaseId'> {
  const traffic = estimateTraffic(observations, sampleBlocksOf(blocks.source, blocks.startedAt));
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const list of observations.values()) {
    for (const o of list) {
      first = Math.min(first, o.t);
      last = Math.max(last, o.t);
    }
  }
  const source: TrafficSource = traffic
    ? { kind: 'observed', text: `${names.observed} over the last ${Math.max(1, Math.round((last - first) / 60_000))} min`, since: first, until: last }
    : { kind: 'unknown', text: names.none, since: until - TRAFFIC_WINDOW_MS, until };
  return { traffic, source, stages: planDecideTimes(plan, traffic) };
}

const RELEASE_NAMES = { observed: 'this release’s samples', none: 'no samples of this release in the last hour' };

/**
 * Whether the plan's stages can decide within their soak, at the traffic of the release's own last
 * hour: the Release detail's readiness and the pre-flight's evidence check.
 */
export function planReadinessOf(db: Db, release: Pick<Release, 'id' | 'planName' | 'target' | 'source'>, until: number): PlanReadiness {
  const stages = getStages(db, release.id);
  const plan = planOfStages(release.planName || 'Plan', release.target, stages, judgeOptionsOf(db, release.id));
  const observations = observationsFor(db, release.id, gateMetricsOf(plan.stages), until - TRAFFIC_WINDOW_MS, until);
  const readiness = readinessOfObservations(plan, observations, { source: release.source, startedAt: stages[0]?.startedAt ?? null }, RELEASE_NAMES, until);
  return { releaseId: release.id, ...readiness };
}
