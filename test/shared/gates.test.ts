import { describe, expect, it } from 'vitest';
import { combineOutcomes, evaluateGate, Gate, type GateInput, type GateJudgement, type GateResult, type Observation, type Outcome } from '../../shared/index.ts';

const seg = (region = '', device = '') => ({ region, device, tenant: '' });
const obs = (cohort: 'canary' | 'baseline', value: number, weight = 100, region = '', device = ''): Observation => ({ cohort, value, weight, segment: seg(region, device) });
const gate = (g: GateInput): Gate => Gate.parse(g);
/** A judge's output as a stand-in comparator returns it: nothing judged, one reason. */
const judged = (reason: string): GateJudgement => ({
  outcome: 'inconclusive',
  score: null,
  thresholds: { marginal: 50, pass: 50 },
  reason,
  criticalFailures: [],
  groups: [],
  metrics: [],
  alpha: 0.05,
  sequential: null,
  samplesAre: 'stand-in',
  gateId: 'p95',
});

const crashFree = gate({ id: 'cf', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, minSamples: 50 });
const p95 = gate({ id: 'p95', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.1, minSamples: 50 });
const conversion = gate({ id: 'kpi', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, minSamples: 50 });

describe('gate evaluation', () => {
  it.each<[string, Gate, Observation[], Outcome, number | null]>([
    ['threshold passes at the bound', crashFree, [obs('canary', 99.5)], 'pass', 99.5],
    ['threshold fails just below', crashFree, [obs('canary', 99.49)], 'fail', 99.5],
    ['threshold needs no baseline', crashFree, [obs('canary', 99.9)], 'pass', 99.5],
    ['threshold with no canary data', crashFree, [obs('baseline', 99.9)], 'no_data', 99.5],
    ['threshold with too few samples', crashFree, [obs('canary', 99.9, 10)], 'inconclusive', 99.5],
    ['relative passes within 10 %', p95, [obs('canary', 219), obs('baseline', 200)], 'pass', 220],
    ['relative passes at exactly × 1.10', p95, [obs('canary', 220), obs('baseline', 200)], 'pass', 220],
    ['relative fails past 10 %', p95, [obs('canary', 221), obs('baseline', 200)], 'fail', 220],
    ['relative without baseline is no data', p95, [obs('canary', 150)], 'no_data', null],
    ['relative with a thin baseline is inconclusive', p95, [obs('canary', 150), obs('baseline', 150, 20)], 'inconclusive', 150 * 1.1],
    ['kpi passes 0.4 points down', conversion, [obs('canary', 2.8), obs('baseline', 3.2)], 'pass', 2.7],
    ['kpi fails 0.6 points down', conversion, [obs('canary', 2.6), obs('baseline', 3.2)], 'fail', 2.7],
  ])('%s', (_name, g, observations, outcome, limit) => {
    const r = evaluateGate(g, observations);
    expect(r.outcome).toBe(outcome);
    if (limit === null) expect(r.total.limit).toBeNull();
    else expect(r.total.limit).toBeCloseTo(limit, 9);
  });

  it('words its summary as the sequential evidence does: the rule, then the canary against its limit, units spaced', () => {
    expect(evaluateGate(crashFree, [obs('canary', 99.2)]).summary).toBe('Crash-free users ≥ 99.5 %: fail — canary 99.2 % vs limit 99.5 % (n=100)');
    expect(evaluateGate(p95, [obs('canary', 230), obs('baseline', 200)]).summary).toBe('p95 latency ≤ baseline × 1.1: fail — canary 230 ms vs limit 220 ms (n=100)');
  });

  it('pools observations by weight', () => {
    const r = evaluateGate(p95, [obs('canary', 100, 300), obs('canary', 400, 100), obs('baseline', 160, 400)]);
    expect(r.total.canary).toBe(175);
    expect(r.total.canarySamples).toBe(400);
    expect(r.outcome).toBe('pass');
  });

  it('fails when one region breaks alone, though the total passes, and names it', () => {
    const g = gate({ ...p95, segments: ['region'] });
    const data = [
      ...['us-east', 'ap-south', 'sa-east', 'af-south'].flatMap((r) => [obs('canary', 195, 100, r), obs('baseline', 200, 1000, r)]),
      obs('canary', 290, 100, 'eu-west'),
      obs('baseline', 200, 1000, 'eu-west'),
    ];
    const r = evaluateGate(g, data);
    expect(r.total.outcome).toBe('pass');
    expect(r.outcome).toBe('fail');
    expect(r.segments.filter((s) => s.outcome === 'fail').map((s) => s.key)).toEqual(['eu-west']);
    expect(r.summary).toMatch(/fails in region eu-west/);
  });

  it('ignores a segment without enough samples instead of failing on it', () => {
    const g = gate({ ...crashFree, segments: ['device'] });
    const r = evaluateGate(g, [obs('canary', 99.9, 500, '', 'phone'), obs('canary', 90, 5, '', 'tablet')]);
    expect(r.segments.find((s) => s.key === 'tablet')?.outcome).toBe('inconclusive');
    expect(r.outcome).toBe('pass');
  });

  it('judges each asked dimension separately', () => {
    const g = gate({ ...crashFree, segments: ['region', 'device'] });
    const r = evaluateGate(g, [obs('canary', 99.9, 100, 'us', 'phone'), obs('canary', 99.0, 100, 'eu', 'tablet')]);
    expect(r.segments.map((s) => `${s.dimension}:${s.key}:${s.outcome}`)).toEqual(['region:eu:fail', 'region:us:pass', 'device:phone:pass', 'device:tablet:fail']);
  });

  it('lets a comparator (the statistical judge) overrule the comparison of means, and keeps its evidence', () => {
    const r = evaluateGate(p95, [obs('canary', 221), obs('baseline', 200)], () => ({ outcome: 'inconclusive', detail: judged('p 0.2') }));
    expect(r.outcome).toBe('inconclusive');
    expect(r.judge).toEqual(judged('p 0.2'));
  });

  it('lets the comparator judge segments: a mean past the limit without evidence is inconclusive, a judged failure fails', () => {
    const g = gate({ ...p95, segments: ['region'] });
    const data = [obs('canary', 250, 100, 'eu'), obs('baseline', 200, 1000, 'eu'), obs('canary', 199, 100, 'us'), obs('baseline', 200, 1000, 'us')];
    const noEvidence = evaluateGate(g, data, () => ({ outcome: 'pass', detail: judged('segments'), segments: [{ dimension: 'region', key: 'eu', failed: false, noData: false }] }));
    expect(noEvidence.segments.find((s) => s.key === 'eu')?.outcome).toBe('inconclusive');
    expect(noEvidence.total.outcome).toBe('inconclusive');
    expect(noEvidence.outcome).toBe('inconclusive');
    const evidence = evaluateGate(g, data, () => ({ outcome: 'pass', detail: judged('segments'), segments: [{ dimension: 'region', key: 'eu', failed: true, noData: false }] }));
    expect(evidence.segments.find((s) => s.key === 'eu')?.outcome).toBe('fail');
    expect(evidence.outcome).toBe('fail');
    expect(evidence.summary).toMatch(/fails in region eu/);
  });

  it.each<[Outcome[], Outcome]>([
    [[], 'pass'],
    [['pass', 'pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'no_data'], 'no_data'],
    [['no_data', 'fail', 'pass'], 'fail'],
  ])('combines %j into %s', (outcomes, expected) => {
    expect(combineOutcomes(outcomes.map((outcome) => ({ outcome }) as GateResult))).toBe(expected);
  });
});
