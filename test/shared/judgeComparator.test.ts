// The judge plugged into evaluateGate through the Comparator seam: relative and KPI gates are decided
// by the Mann-Whitney judge (direction from the gate's op, allowance from its factor or points),
// threshold gates are not touched, and the judge's output lands in the gate result as evidence.
import { describe, expect, it } from 'vitest';
import {
  evaluateGate,
  Gate,
  GateJudgement,
  judgeComparator,
  metricConfigForGate,
  normal,
  seededRandom,
  type GateInput,
  type GateResult,
  type JudgeResult,
  type Observation,
  type SequentialState,
} from '../../shared/index.ts';

const gate = (g: GateInput): Gate => Gate.parse(g);
const p95 = gate({ id: 'p95', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.1, minSamples: 50 });
const conversion = gate({ id: 'conv', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, minSamples: 50 });

/** `ticks` per-interval aggregates per cohort, each standing for 100 requests. */
function ticks(seed: number, n: number, canaryLevel: number, baselineLevel: number, noise = 0.1, region = ''): Observation[] {
  const random = seededRandom(seed);
  const seg = { region, device: '', tenant: '' };
  return Array.from({ length: n }, () => [
    { cohort: 'canary' as const, segment: seg, value: canaryLevel * Math.exp(noise * normal(random)), weight: 100 },
    { cohort: 'baseline' as const, segment: seg, value: baselineLevel * Math.exp(noise * normal(random)), weight: 100 },
  ]).flat();
}

/** The judge's output the gate kept; a gate that kept none fails the test. */
function detail(r: GateResult): JudgeResult {
  if (!r.judge) throw new Error(`gate ${r.gateId} kept no judge output`);
  return r.judge;
}

describe('judgeComparator', () => {
  const comparator = judgeComparator();

  it('passes a healthy canary on a relative gate and records the judge output as evidence', () => {
    const r = evaluateGate(p95, ticks(1, 60, 200, 200), comparator);
    expect(r.outcome).toBe('pass');
    const d = detail(r);
    expect(d.outcome).toBe('pass');
    expect(d.metrics[0]).toMatchObject({ name: 'p95_latency_ms', direction: 'increase', critical: true, classification: 'Pass' });
    expect(d.metrics[0]!.canary.counts.used).toBe(60);
    expect(d.sequential?.look).toBe(1);
    expect(r.judge).toMatchObject({ gateId: 'p95', samplesAre: expect.stringMatching(/one per observation/) });
    // Evidence is stored verbatim: it must be plain JSON, and read back whole through its schema (a field
    // the schema does not know would be dropped, and this would fail).
    expect(GateJudgement.parse(JSON.parse(JSON.stringify(r.judge)))).toEqual(r.judge);
  });

  it('fails a canary 30 % slower: increase is bad under lte, ×1.1 allowed', () => {
    const r = evaluateGate(p95, ticks(2, 60, 260, 200), comparator);
    expect(r.outcome).toBe('fail');
    expect(detail(r).metrics[0]!.classification).toBe('High');
  });

  it('keeps a comparison of means that a few spikes decided from failing the gate: inconclusive, not fail', () => {
    // Canary equal to baseline except two wild ticks: its mean fails ×1.1, its ranks do not move.
    // Without evidence of a shift the gate does not fail; with a mean past the limit it does not pass
    // either: the guard waits, and a person can look at the spikes.
    const obs = ticks(3, 60, 200, 200, 0.05);
    obs.push({ cohort: 'canary', segment: { region: '', device: '', tenant: '' }, value: 3000, weight: 100 });
    obs.push({ cohort: 'canary', segment: { region: '', device: '', tenant: '' }, value: 3000, weight: 100 });
    const means = evaluateGate(p95, obs);
    expect(means.outcome).toBe('fail');
    const judged = evaluateGate(p95, obs, comparator);
    expect(judged.outcome).toBe('inconclusive');
    expect(detail(judged).metrics[0]!.reason).toMatch(/^no significant difference/);
  });

  it('reads a KPI gate as an allowed drop in points (gte → decrease is bad)', () => {
    expect(metricConfigForGate(conversion)).toMatchObject({ direction: 'decrease', effect: { measure: 'difference', allowedDecrease: 0.5 } });
    expect(evaluateGate(conversion, ticks(4, 80, 3.0, 3.2, 0.05), comparator).outcome).toBe('pass');
    const r = evaluateGate(conversion, ticks(5, 80, 2.4, 3.2, 0.05), comparator);
    expect(r.outcome).toBe('fail');
    expect(detail(r).metrics[0]!.classification).toBe('Low');
  });

  it('leaves threshold gates and improvement-demanding factors to the comparison of means', () => {
    expect(metricConfigForGate(gate({ id: 't', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5 }))).toBeNull();
    const demanding = gate({ id: 'd', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 0.9 });
    expect(metricConfigForGate(demanding)).toBeNull();
    const r = evaluateGate(demanding, ticks(6, 60, 200, 200), comparator);
    expect(r.judge).toBeNull();
    expect(r.outcome).toBe('fail'); // the means: 200 is not ≤ 180
    expect(metricConfigForGate(gate({ id: 'g', kind: 'relative', metric: 'crash_free_users', op: 'gte', factor: 0.99 }))).toMatchObject({
      direction: 'decrease',
      effect: { measure: 'ratio', allowedDecrease: 0.99 },
    });
  });

  it('says no_data when the weights suffice but the observations are too few to test', () => {
    const r = evaluateGate(p95, ticks(7, 5, 200, 200), comparator);
    expect(r.total.canarySamples).toBe(500);
    expect(r.outcome).toBe('no_data');
  });

  it('takes each observation as one sample, whatever its weight, and drops weight 0', () => {
    const obs = ticks(8, 30, 200, 200).map((o, i) => ({ ...o, weight: i % 3 === 0 ? 0 : 1 + i * 50 }));
    const d = detail(evaluateGate(p95, obs, comparator));
    expect(d.metrics[0]!.canary.counts.raw).toBe(20);
    expect(d.metrics[0]!.baseline.counts.raw).toBe(20);
  });

  it('judges the gate segments too and fails on the region that breaks', () => {
    const g = gate({ id: 'p95-regions', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.25, minSamples: 50, segments: ['region'] });
    const obs = [...ticks(9, 60, 200, 200, 0.1, 'us-east'), ...ticks(10, 60, 200, 200, 0.1, 'ap-south'), ...ticks(11, 60, 320, 200, 0.1, 'eu-west')];
    const r = evaluateGate(g, obs, comparator);
    const seg = detail(r).metrics[0]!.segments.find((s) => s.key === 'eu-west')!;
    expect(seg.failed).toBe(true);
    expect(r.outcome).toBe('fail');
  });

  it('keeps sequential state in the store it is given, under the key it is told', () => {
    const states = new Map<string, SequentialState>();
    const c = judgeComparator({ store: { get: (k) => states.get(k), set: (k, s) => states.set(k, s) }, key: (g) => `release-1/${g.id}` });
    evaluateGate(p95, ticks(12, 40, 200, 200), c);
    const second = evaluateGate(p95, ticks(12, 60, 200, 200), c);
    expect([...states.keys()]).toEqual(['release-1/p95']);
    expect(states.get('release-1/p95')!.looks).toBe(2);
    expect(detail(second).metrics[0]!.sequential!.look).toBe(2);
  });

  it('can judge each call as a one-off fixed-sample test instead', () => {
    const r = evaluateGate(p95, ticks(13, 60, 200, 200), judgeComparator({ sequential: false }));
    expect(detail(r).sequential).toBeNull();
    expect(detail(r).metrics[0]!.sequential).toBeNull();
  });
});
