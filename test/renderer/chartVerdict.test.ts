import { describe, expect, it } from 'vitest';
import { GateResult, SegmentCheck, UnitEvidence, type Outcome } from '../../shared/gates/types.ts';
import { metricVerdict } from '../../renderer/features/release-detail/charts/verdict.ts';

const evidence = (over: Partial<UnitEvidence> = {}): UnitEvidence =>
  UnitEvidence.parse({
    test: 'sign',
    alpha: 0.000_15,
    logE: 1.2,
    maxLogE: 2,
    boundary: 8.8,
    passLogE: 0.4,
    passBoundary: 3,
    evidence: 6,
    minEvidence: 10,
    estimate: 0.3,
    margin: 0.5,
    dispersion: 1,
    crossedAt: null,
    needs: { minutes: 40, why: 'at the traffic seen so far' },
    ...over,
  });

const check = (outcome: Outcome, e: UnitEvidence | null) => ({ outcome, canary: 1, baseline: 1, limit: 1, canarySamples: 100, baselineSamples: 100, evidence: e });
const segment = (key: string, outcome: Outcome, e: UnitEvidence) => SegmentCheck.parse({ ...check(outcome, e), dimension: 'region', key });

const result = (gateId: string, metric: GateResult['metric'], outcome: Outcome, total: UnitEvidence | null, segments: SegmentCheck[] = []): GateResult =>
  GateResult.parse({ gateId, kind: 'relative', metric, outcome, summary: `${gateId} summary`, total: check(outcome === 'fail' && segments.length ? 'inconclusive' : outcome, total), segments, judge: null });

describe('the verdict per metric', () => {
  it('names the failing segment and the evidence that crossed its boundary', () => {
    const crossed = evidence({ logE: 7.9, maxLogE: 9.14, crossedAt: 5 });
    const failing = result('latency', 'p95_latency_ms', 'fail', evidence(), [segment('us-east', 'pass', evidence()), segment('eu-west', 'fail', crossed)]);
    const v = metricVerdict([failing], 'p95_latency_ms')!;
    expect(v.outcome).toBe('fail');
    // The peak that crossed, not where the e-value stands a look later.
    expect(v.reason).toBe('eu-west · evidence 9.1 of 8.8');
    expect(v.summary).toBe('latency summary');
  });

  it('of two failing segments, names the one furthest past its boundary', () => {
    const gate = result('errors', 'error_rate', 'fail', evidence(), [
      segment('ap-south', 'fail', evidence({ maxLogE: 9.0, crossedAt: 1 })),
      segment('eu-west', 'fail', evidence({ maxLogE: 20, crossedAt: 1 })),
    ]);
    expect(metricVerdict([gate], 'error_rate')!.reason).toBe('eu-west · evidence 20.0 of 8.8');
  });

  it('a failed total is named without a segment', () => {
    const gate = result('errors', 'error_rate', 'fail', evidence({ maxLogE: 12.34, crossedAt: 3 }));
    expect(metricVerdict([gate], 'error_rate')!.reason).toBe('evidence 12.3 of 8.8');
  });

  it('an undecided metric says how long it still needs, the slowest gate first', () => {
    const quick = result('p95', 'p95_latency_ms', 'inconclusive', evidence({ needs: { minutes: 40, why: 'x' } }));
    const slow = result('p95-eu', 'p95_latency_ms', 'inconclusive', evidence({ needs: { minutes: 190, why: 'x' } }));
    expect(metricVerdict([quick], 'p95_latency_ms')!.reason).toBe('needs ≈ 40 min');
    expect(metricVerdict([quick, slow], 'p95_latency_ms')!.reason).toBe('needs ≈ 3.2 h');
    const never = result('p95-x', 'p95_latency_ms', 'inconclusive', evidence({ needs: { minutes: null, why: 'no canary traffic yet' } }));
    expect(metricVerdict([quick, never], 'p95_latency_ms')!.reason).toBe('cannot decide: no canary traffic yet');
  });

  it('takes the worst outcome of the gates on the metric; a pass needs no words', () => {
    const results = [result('p95', 'p95_latency_ms', 'pass', evidence()), result('p95-eu', 'p95_latency_ms', 'inconclusive', evidence()), result('errors', 'error_rate', 'fail', evidence({ crossedAt: 1 }))];
    const v = metricVerdict(results, 'p95_latency_ms')!;
    expect(v.outcome).toBe('inconclusive');
    expect(v.gateIds).toEqual(['p95', 'p95-eu']);
    expect(metricVerdict([result('p95', 'p95_latency_ms', 'pass', evidence())], 'p95_latency_ms')).toMatchObject({ outcome: 'pass', reason: null });
    expect(metricVerdict([result('errors', 'error_rate', 'no_data', null)], 'p95_latency_ms')).toBeNull();
  });

  it('reads an old result judged on means alone, without evidence, as its outcome only', () => {
    const old = GateResult.parse({ gateId: 'e', kind: 'relative', metric: 'error_rate', outcome: 'inconclusive', summary: '', total: { outcome: 'inconclusive', canary: 1, baseline: 1, limit: 1, canarySamples: 1, baselineSamples: 1 }, segments: [], judge: null });
    expect(metricVerdict([old], 'error_rate')).toEqual({ outcome: 'inconclusive', gateIds: ['e'], reason: null, summary: '' });
  });
});
