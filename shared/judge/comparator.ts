// The judge behind evaluateGate's Comparator seam: a relative or KPI gate's canary-vs-baseline
// comparison becomes a Mann-Whitney test plus the gate's own allowance as the effect bound.
//
// Observations are per-tick aggregates with a weight (how many requests or users they stand for).
// The judge takes each observation as ONE sample and ignores the weight, as Kayenta tests the points
// of a metric's time series: the aggregates are what varies from interval to interval, and that
// variation is the noise the test must see. Expanding weights into copies would pretend that 1,000
// requests averaged into one value were 1,000 independent measurements of that value, shrinking the
// p-values by orders of magnitude. Weight 0 (an empty interval) drops the observation.
import type { Comparator, Observation } from '../gates/evaluate.ts';
import type { Gate } from '../gates/types.ts';
import { JudgeConfig, type MetricConfigInput } from './config.ts';
import { judge, type LabelledValue } from './judge.ts';
import type { SequentialState } from './output.ts';

export interface SequentialStore {
  get(key: string): SequentialState | undefined;
  set(key: string, state: SequentialState): void;
}

export interface JudgeComparatorOptions {
  /** Significance level, per gate over all its looks when sequential. Default 0.05. */
  alpha?: number;
  /** Observations each cohort needs; below it the gate's outcome is no_data. Default 10. */
  minDataPoints?: number;
  method?: 'auto' | 'exact' | 'asymptotic';
  /** Tukey's fences factor for outlier removal; default off. */
  outlierIqrFactor?: number | null;
  /** Mixing scale of the sequential test (see README). Default 0.5. */
  tau?: number;
  /**
   * Treat each call as one look of a sequential test (default true): the guard calls every interval,
   * and the mSPRT boundary keeps the chance of ever failing a healthy canary within alpha.
   */
  sequential?: boolean;
  /**
   * Where a gate's sequential state lives between looks. Without it each look is judged on its own
   * boundary (still within alpha over all looks, by Ville's inequality); with it the always-valid
   * p-value is carried over and a crossing stays crossed.
   */
  store?: SequentialStore;
  /** The store key of an evaluation; default the gate id (key by release too when one store serves many). */
  key?: (gate: Gate) => string;
}

/** The judge's metric config for a gate, or null when the gate's rule is not a tolerance on a deterioration. */
export function metricConfigForGate(gate: Gate, options: JudgeComparatorOptions = {}): MetricConfigInput | null {
  const common = { name: gate.metric, critical: true, minDataPoints: options.minDataPoints ?? 10, outlierIqrFactor: options.outlierIqrFactor ?? null };
  switch (gate.kind) {
    case 'threshold':
      return null;
    case 'relative':
      // canary ≤ baseline × 1.1: an increase is bad, up to ×1.1 allowed. A factor demanding an
      // improvement (lte × 0.9, gte × 1.05) is not a tolerance: leave it to the comparison of means.
      if (gate.op === 'lte') return gate.factor >= 1 ? { ...common, direction: 'increase', effect: { measure: 'ratio', allowedIncrease: gate.factor } } : null;
      return gate.factor <= 1 ? { ...common, direction: 'decrease', effect: { measure: 'ratio', allowedDecrease: gate.factor } } : null;
    case 'kpi':
      return gate.op === 'lte'
        ? { ...common, direction: 'increase', effect: { measure: 'difference', allowedIncrease: gate.points } }
        : { ...common, direction: 'decrease', effect: { measure: 'difference', allowedDecrease: gate.points } };
  }
}

const samples = (observations: readonly Observation[]): LabelledValue[] =>
  observations.filter((o) => o.weight > 0).map((o) => ({ value: o.value, segment: o.segment }));

export function judgeComparator(options: JudgeComparatorOptions = {}): Comparator {
  const sequential = options.sequential ?? true;
  const keyOf = options.key ?? ((gate: Gate) => gate.id);
  return ({ gate, canary, baseline }) => {
    const metric = metricConfigForGate(gate, options);
    if (metric === null) return null;
    const config = JudgeConfig.parse({
      metrics: [metric],
      alpha: options.alpha ?? 0.05,
      method: options.method ?? 'auto',
      segments: gate.segments,
      sequential: { tau: options.tau ?? 0.5 },
      // One critical metric: it passes (score 100) or fails the analysis; no middle ground.
      thresholds: { marginal: 50, pass: 50 },
    });
    const key = keyOf(gate);
    const result = judge(
      config,
      { [gate.metric]: { canary: samples(canary), baseline: samples(baseline) } },
      sequential ? { look: { state: options.store?.get(key) ?? null } } : {},
    );
    if (result.sequential && options.store) options.store.set(key, result.sequential.state);
    const judged = result.metrics[0];
    return {
      // The pooled comparison alone: a segment's failure is reported through `segments`, per segment.
      outcome: judged ? (judged.failed || judged.criticalBreach ? 'fail' : judged.classification === 'NoData' ? 'no_data' : 'pass') : result.outcome,
      detail: { ...result, samplesAre: 'one per observation (per-interval aggregate); weights ignored', gateId: gate.id },
      segments: judged?.segments.map((seg) => ({ dimension: seg.dimension, key: seg.key, failed: seg.failed || seg.criticalBreach, noData: seg.classification === 'NoData' })) ?? [],
    };
  };
}
