// A release's traffic per metric, read off its recent samples: what planDecideTimes needs to say how
// long a stage will take. Both cohorts' trials count (their total does not depend on the split); the
// baseline alone gives the value and the noise, since the canary may be what is broken.
import { METRICS, type MetricName } from '../domain/metrics.ts';
import type { MetricTraffic, TrafficEstimate } from '../domain/readiness.ts';
import { intervalValue, NO_BLOCKS, TOTAL, unitIntervals, type CohortInterval, type ObservationAt, type SampleBlocks } from '../evidence/units.ts';

/**
 * Successive differences of the baseline's interval log values: slow drift (the day's curve) cancels
 * between neighbours, so what remains is the interval-to-interval noise the sign test meets.
 * E[(x_t − x_{t−1})²] = c²(1/n_t + 1/n_{t−1}), c² being one request's variance.
 */
function quantileSpread(baseline: readonly CohortInterval[]): MetricTraffic['quantile'] {
  if (baseline.length < 3) return null;
  let squares = 0;
  let inverse = 0;
  for (let i = 1; i < baseline.length; i += 1) {
    const a = baseline[i - 1]!;
    const b = baseline[i]!;
    squares += (b.logSum / b.trials - a.logSum / a.trials) ** 2;
    inverse += 1 / a.trials + 1 / b.trials;
  }
  const requestsPerInterval = baseline.reduce((sum, c) => sum + c.trials, 0) / baseline.length;
  return { logSpread: Math.sqrt(squares / inverse / requestsPerInterval), requestsPerInterval };
}

/**
 * One metric's traffic, or null with fewer than two intervals (no rate without a span) or no baseline.
 * Quantile intervals standing on too few requests to be that quantile are left out, as the guard does;
 * that undercounts only a canary too small to matter here.
 */
export function metricTraffic(metric: MetricName, observations: readonly ObservationAt[], blocks: SampleBlocks = NO_BLOCKS): MetricTraffic | null {
  const model = METRICS[metric].model;
  const intervals = (unitIntervals(model, observations, [], blocks).get(TOTAL) ?? []).filter((i) => i.canary !== null || i.baseline !== null);
  const baseline = intervals.flatMap((i) => (i.baseline ? [i.baseline] : []));
  if (intervals.length < 2 || baseline.length === 0) return null;
  const span = intervals.at(-1)!.t - intervals[0]!.t;
  if (!(span > 0)) return null;
  // n intervals have n − 1 gaps between them; each interval stands for one gap of time.
  const intervalsPerMinute = (60_000 * (intervals.length - 1)) / span;
  const trials = intervals.reduce((sum, i) => sum + (i.canary?.trials ?? 0) + (i.baseline?.trials ?? 0), 0);
  const pooled = baseline.reduce((a, b) => ({ trials: a.trials + b.trials, events: a.events + b.events, logSum: a.logSum + b.logSum }), { trials: 0, events: 0, logSum: 0 });
  return {
    trialsPerMinute: (trials / intervals.length) * intervalsPerMinute,
    intervalsPerMinute,
    baselineValue: intervalValue(model, pooled),
    quantile: model.kind !== 'rate' ? quantileSpread(baseline) : null,
  };
}

/** Every metric that showed traffic, its intervals pooled as the guard pools them; null when none did. */
export function estimateTraffic(observations: ReadonlyMap<MetricName, readonly ObservationAt[]>, blocks: SampleBlocks = NO_BLOCKS): TrafficEstimate | null {
  const estimate: TrafficEstimate = {};
  for (const [metric, list] of observations) {
    const traffic = metricTraffic(metric, list, blocks);
    if (traffic) estimate[metric] = traffic;
  }
  return Object.keys(estimate).length > 0 ? estimate : null;
}
