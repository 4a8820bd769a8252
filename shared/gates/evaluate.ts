import type { Cohort, Segment } from '../domain/metrics.ts';
import { METRICS } from '../domain/metrics.ts';
import { countText } from '../domain/words.ts';
import type { GateJudgement } from '../judge/output.ts';
import { ruleText, unitText } from './rule.ts';
import type { Check, Dimension, Gate, GateResult, Outcome, SegmentCheck } from './types.ts';

/** One aggregated observation as the store hands it to a gate: a value and how many it stands for. */
export interface Observation {
  cohort: Cohort;
  segment: Segment;
  value: number;
  weight: number;
}

/**
 * A comparison of canary with baseline that is smarter than comparing means: the canary-analysis
 * judge plugs in here. It returns the outcome and its own evidence, or null to fall back to means.
 */
export type Comparator = (input: {
  gate: Gate;
  canary: Observation[];
  baseline: Observation[];
}) => ComparatorVerdict | null;

export interface ComparatorVerdict {
  /** The verdict on the pooled comparison (all segments together). */
  outcome: Outcome;
  detail: GateJudgement;
  /**
   * Its verdict per segment, when it judged segments: these replace the comparison of means there,
   * so small, noisy segments fail only on evidence, not on a mean that wandered past the limit.
   */
  segments?: readonly { dimension: Dimension; key: string; failed: boolean; noData: boolean }[];
}

/** A segment's outcome once the comparator has spoken: a mean past the limit without evidence is inconclusive. */
function judgedSegment(point: SegmentCheck, judged: ComparatorVerdict['segments']): SegmentCheck {
  const verdict = judged?.find((j) => j.dimension === point.dimension && j.key === point.key);
  if (!verdict || point.outcome === 'no_data' || point.outcome === 'inconclusive') return point;
  if (verdict.failed) return { ...point, outcome: 'fail' };
  if (verdict.noData) return { ...point, outcome: 'inconclusive' };
  return point.outcome === 'fail' ? { ...point, outcome: 'inconclusive' } : point;
}

interface Pooled {
  mean: number | null;
  n: number;
}

function pool(observations: readonly Observation[]): Pooled {
  let sum = 0;
  let n = 0;
  for (const o of observations) {
    if (!Number.isFinite(o.value)) continue;
    sum += o.value * o.weight;
    n += o.weight;
  }
  return { mean: n > 0 ? sum / n : null, n };
}

export function limitFor(gate: Gate, baseline: number | null): number | null {
  switch (gate.kind) {
    case 'threshold':
      return gate.value;
    case 'relative':
      return baseline === null ? null : baseline * gate.factor;
    case 'kpi':
      return baseline === null ? null : gate.op === 'gte' ? baseline - gate.points : baseline + gate.points;
  }
}

const holds = (op: 'gte' | 'lte', value: number, limit: number): boolean => (op === 'gte' ? value >= limit : value <= limit);

function check(gate: Gate, canaryObs: readonly Observation[], baselineObs: readonly Observation[]): Check {
  const canary = pool(canaryObs);
  const baseline = pool(baselineObs);
  const needsBaseline = gate.kind !== 'threshold';
  const limit = limitFor(gate, baseline.mean);
  const base = { canary: canary.mean, baseline: baseline.mean, limit, canarySamples: canary.n, baselineSamples: baseline.n };
  if (canary.n === 0 || (needsBaseline && baseline.n === 0)) return { ...base, outcome: 'no_data' };
  // Too few observations to call it either way: wait for more rather than pass or fail on noise.
  if (canary.n < gate.minSamples || (needsBaseline && baseline.n < gate.minSamples)) return { ...base, outcome: 'inconclusive' };
  return { ...base, outcome: holds(gate.op, canary.mean!, limit!) ? 'pass' : 'fail' };
}

function segmentChecks(gate: Gate, observations: readonly Observation[], dimension: Dimension): SegmentCheck[] {
  const keys = [...new Set(observations.map((o) => o.segment[dimension]).filter((k) => k !== ''))].sort();
  return keys.map((key) => {
    const inSegment = observations.filter((o) => o.segment[dimension] === key);
    return {
      dimension,
      key,
      ...check(
        gate,
        inSegment.filter((o) => o.cohort === 'canary'),
        inSegment.filter((o) => o.cohort === 'baseline'),
      ),
    };
  });
}

const fmt = (v: number | null): string => (v === null ? '—' : Number(v.toPrecision(4)).toString());

function describe(gate: Gate, total: Check, failing: SegmentCheck[]): string {
  const u = unitText(METRICS[gate.metric].unit);
  const rule = ruleText(gate);
  const seen = `canary ${fmt(total.canary)}${u} vs limit ${fmt(total.limit)}${u} (n=${countText(total.canarySamples)})`;
  if (failing.length > 0) {
    const names = failing.map((s) => `${s.dimension} ${s.key}: ${fmt(s.canary)}${u} vs ${fmt(s.limit)}${u}`).join('; ');
    return `${rule}: fails in ${names} (total ${total.outcome}: ${seen})`;
  }
  return `${rule}: ${total.outcome.replace('_', ' ')} — ${seen}`;
}

/**
 * Judges one gate on a window of observations (and, for the comparator, `judged`): the total and, per asked dimension, every segment
 * with enough samples. One failing segment fails the gate even when the total passes.
 */
export function evaluateGate(gate: Gate, observations: readonly Observation[], comparator?: Comparator, judged: readonly Observation[] = observations): GateResult {
  const canaryObs = observations.filter((o) => o.cohort === 'canary');
  const baselineObs = observations.filter((o) => o.cohort === 'baseline');
  let total = check(gate, canaryObs, baselineObs);
  let judge: GateJudgement | null = null;
  let judgedSegments: ComparatorVerdict['segments'];
  if (comparator && gate.kind !== 'threshold' && (total.outcome === 'pass' || total.outcome === 'fail')) {
    // The judge may see a longer span than the means (a sequential test wants all data since the stage began).
    const verdict = comparator({ gate, canary: judged.filter((o) => o.cohort === 'canary'), baseline: judged.filter((o) => o.cohort === 'baseline') });
    if (verdict) {
      // Past the limit on the mean but without evidence is not a pass either: wait for more data.
      const outcome = verdict.outcome === 'pass' && total.outcome === 'fail' ? 'inconclusive' : verdict.outcome;
      total = { ...total, outcome };
      judge = verdict.detail;
      judgedSegments = verdict.segments;
    }
  }
  const segments = gate.segments.flatMap((d) => segmentChecks(gate, observations, d)).map((s) => (judgedSegments ? judgedSegment(s, judgedSegments) : s));
  const failing = segments.filter((s) => s.outcome === 'fail');
  const outcome: Outcome = failing.length > 0 ? 'fail' : total.outcome;
  return { gateId: gate.id, kind: gate.kind, metric: gate.metric, outcome, summary: describe(gate, total, failing), total, segments, judge };
}

/** The stage's verdict from its gates: any fail fails; then no data, then inconclusive; else pass. */
export function combineOutcomes(results: readonly GateResult[]): Outcome {
  if (results.length === 0) return 'pass';
  const outcomes = new Set(results.map((r) => r.outcome));
  if (outcomes.has('fail')) return 'fail';
  if (outcomes.has('no_data')) return 'no_data';
  if (outcomes.has('inconclusive')) return 'inconclusive';
  return 'pass';
}
