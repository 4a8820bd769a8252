// What a release's source means for how its samples are read: by the guard (a thin quantile's bias)
// and by the planner (that, and an internal 0 % stage's share of the traffic).
import type { TrafficReading } from '../domain/readiness.ts';
import { SIMULATED_LEAST_SHARE } from '../sim/model.ts';
import type { SourceKind } from '../sources/kind.ts';
import { QUANTILE_BIAS_BOUND } from './thinQuantile.ts';

/** The simulator draws each quantile around its level (no sample of requests, so no bias) and gives a 0 % stage 1 %. */
export function readingOf(source: SourceKind): TrafficReading {
  return source === 'simulator' ? { internalShare: SIMULATED_LEAST_SHARE, quantileBias: 0 } : { internalShare: null, quantileBias: QUANTILE_BIAS_BOUND };
}
