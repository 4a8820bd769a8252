import type { Cohort, MetricName, Sample, Segment } from '../domain/metrics.ts';
import { faultApplies, type Fault } from '../domain/faults.ts';
import { METRICS } from '../domain/metrics.ts';
import { binomial, normal } from './random.ts';

/** How a simulated service or app behaves: the level and noise of each metric, and its segments. */
export interface SimProfile {
  segments: Segment[];
  /** The metrics it simulates (a real service's CPU or dependencies are not among them). */
  level: Partial<Record<MetricName, number>>;
  noise: Partial<Record<MetricName, number>>;
  /** Observations per segment per tick at full exposure; canary traffic scales with exposure. */
  trafficPerTick: number;
}

const CLAMP: Record<MetricName, [number, number]> = {
  error_rate: [0, 100],
  p95_latency_ms: [1, 60_000],
  crash_free_users: [0, 100],
  kpi_conversion: [0, 100],
  dependency_error_rate: [0, 100],
  cpu_utilization: [0, 100],
  memory_utilization: [0, 100],
};

const clamp = (metric: MetricName, v: number): number => Math.min(CLAMP[metric][1], Math.max(CLAMP[metric][0], v));

export interface TickInput {
  releaseId: string;
  profile: SimProfile;
  t: number;
  exposurePct: number;
  random: () => number;
  /** Injected faults; each scales the canary's value where it applies. */
  faults?: readonly Fault[];
}

/** The least share of traffic the simulated canary sees: an internal 0 % stage gets this much. */
export const SIMULATED_LEAST_SHARE = 0.01;

/** One tick of samples: every metric, for canary and baseline, in every segment. */
export function simulateTick({ releaseId, profile, t, exposurePct, random, faults = [] }: TickInput): Sample[] {
  const samples: Sample[] = [];
  const canaryShare = Math.max(SIMULATED_LEAST_SHARE, Math.min(0.5, exposurePct / 100));
  for (const segment of profile.segments) {
    for (const cohort of ['canary', 'baseline'] as Cohort[]) {
      const share = cohort === 'canary' ? canaryShare : 1 - canaryShare;
      const weight = Math.max(1, Math.round(profile.trafficPerTick * share * (0.8 + 0.4 * random())));
      for (const metric of Object.keys(profile.level) as MetricName[]) {
        const base = profile.level[metric] ?? 0;
        let level = base;
        if (cohort === 'canary') {
          for (const fault of faults) if (faultApplies(fault, metric, segment, t)) level *= fault.factor;
        }
        const model = METRICS[metric].model;
        let value: number;
        if (model.kind === 'rate') {
          // Rates are counts: events out of the tick's trials, so a small canary is noisy the way a real one is.
          const counted = model.counts === 'complement' ? 100 - clamp(metric, level) : clamp(metric, level);
          const events = binomial(random, weight, counted / 100);
          value = model.counts === 'complement' ? 100 - (100 * events) / weight : (100 * events) / weight;
        } else {
          // Fewer observations give a noisier quantile; multiplicative, as latency noise is.
          const spread = ((profile.noise[metric] ?? 0) / base) * Math.sqrt(profile.trafficPerTick / 2 / weight);
          value = clamp(metric, level * Math.exp(spread * normal(random)));
        }
        samples.push({ releaseId, metric, cohort, segment, t, value, weight });
      }
    }
  }
  return samples;
}
