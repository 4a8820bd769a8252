import { estimateTraffic, fail, ok, planDecideTimes, planOfStages, type MetricName, type TrafficSource } from '../../../shared/index.ts';
import { observationsFor } from '../metrics/store.ts';
import { judgeOptionsOf } from '../repos/guardState.ts';
import { getRelease, getStages } from '../repos/releases.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

/** Long enough to smooth a minute's burst, short enough to follow the day's traffic. */
const TRAFFIC_WINDOW_MS = 60 * 60 * 1000;

/** Whether the plan's stages can decide within their soak, at the traffic of the release's own last hour. */
export function readinessHandlers(deps: HandlerDeps): HandlerGroup<'getPlanReadiness'> {
  return {
    getPlanReadiness: (input) => {
      const release = getRelease(deps.db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      const stages = getStages(deps.db, release.id);
      const plan = planOfStages(release.planName || 'Plan', release.target, stages, judgeOptionsOf(deps.db, release.id));
      const metrics = [...new Set<MetricName>(stages.flatMap((s) => s.gates.map((g) => g.metric)))];
      const until = deps.now();
      const observations = observationsFor(deps.db, release.id, metrics, until - TRAFFIC_WINDOW_MS, until);
      const traffic = estimateTraffic(observations);
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
      return ok({ releaseId: release.id, traffic, source, stages: planDecideTimes(plan, traffic) });
    },
  };
}
