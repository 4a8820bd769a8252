import { describe, expect, it } from 'vitest';
import { causeOf } from '../../shared/evidence/cause.ts';
import { gateSummary } from '../../shared/evidence/summary.ts';
import { Gate, type Check, type Outcome, type SegmentCheck } from '../../shared/index.ts';

/** A rate test's check: its outcome, the canary/baseline ratio estimated and the failure side's log e-value. */
function check(outcome: Outcome, estimate: number, logE: number): Check {
  return {
    outcome,
    canary: null,
    baseline: null,
    limit: null,
    canarySamples: 0,
    baselineSamples: 0,
    evidence: {
      test: 'two_rate',
      alpha: 2e-4,
      logE,
      maxLogE: logE,
      boundary: 8.5,
      passLogE: 0,
      passBoundary: 3,
      evidence: 50,
      minEvidence: 10,
      estimate,
      margin: 1.25,
      dispersion: 1,
      crossedAt: null,
      needs: { minutes: null, why: '' },
    },
  };
}

const segment = (dimension: 'region' | 'device', key: string, outcome: Outcome, estimate: number, logE: number): SegmentCheck => ({ ...check(outcome, estimate, logE), dimension, key });
const total = check('fail', 2.5, 12);

describe('where a failing gate fails (causeOf)', () => {
  it('names the device behind a failing total while another device is past the margin on next to no evidence', () => {
    // A phone regression: every region holds phone cells, so every region shows it; of the devices only phones.
    const segments = [
      segment('device', 'phone', 'inconclusive', 5.3, 8),
      segment('device', 'tablet', 'inconclusive', 1.7, 0.13),
      ...['eu-west', 'us-east', 'ap-south'].map((r) => segment('region', r, 'inconclusive', 4, 3)),
    ];
    expect(causeOf(total, segments, 1)).toEqual({ dimension: 'device', key: 'phone' });
    // With real evidence behind the tablet's estimate too, the failure is in both devices and every region: nowhere in particular.
    segments[1] = segment('device', 'tablet', 'inconclusive', 1.7, 2);
    expect(causeOf(total, segments, 1)).toBeNull();
  });

  it('names no segment for a regression everywhere, even where one segment has failed on its own', () => {
    const segments = [
      segment('region', 'eu-west', 'fail', 2.4, 10),
      segment('region', 'us-east', 'inconclusive', 2.2, 5),
      segment('device', 'phone', 'inconclusive', 2.3, 6),
      segment('device', 'tablet', 'inconclusive', 2.6, 2),
    ];
    expect(causeOf(total, segments, 1)).toBeNull();
  });

  it('names a failing region over a region past the margin alone in the other dimension, and nothing while nothing fails', () => {
    const segments = [
      segment('region', 'eu-west', 'fail', 3, 9),
      segment('region', 'us-east', 'inconclusive', 1, -2),
      segment('device', 'phone', 'inconclusive', 1.6, 4),
      segment('device', 'tablet', 'inconclusive', 1.1, -1),
    ];
    expect(causeOf(check('inconclusive', 1.5, 2), segments, 1)).toEqual({ dimension: 'region', key: 'eu-west' });
    expect(causeOf(check('inconclusive', 1.5, 2), segments.map((s) => ({ ...s, outcome: 'inconclusive' as const })), 1)).toBeNull();
  });

  it('reads a fall as the bad direction where lower is worse (conversion)', () => {
    const segments = [segment('region', 'eu-west', 'inconclusive', 0.6, 4), segment('region', 'us-east', 'inconclusive', 1.4, 4)];
    expect(causeOf(check('fail', 0.8, 9), segments, -1)).toEqual({ dimension: 'region', key: 'eu-west' });
  });

  it('says where a failing total shows without claiming the segments that have not shown it are within the limit', () => {
    const gate = Gate.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25 });
    const failing = { ...check('fail', 1.6, 7), canary: 0.6085, limit: 0.3816, canarySamples: 26296 };
    const text = gateSummary(gate, failing, [], { dimension: 'device', key: 'phone' });
    expect(text).toBe('Error rate ≤ baseline × 1.25: fails — canary 0.6085 % vs limit 0.3816 % (n=26,296, evidence 7.0 of 8.5); it shows in device phone, and in no other device yet');
    expect(text).not.toMatch(/only/);
  });

  it('says when a failing segment’s values this stage are within its limit, so the reason does not contradict itself', () => {
    const gate = Gate.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25 });
    const total = { ...check('inconclusive', 1.3, 2), canary: 2.1, limit: 1.4, canarySamples: 5000 };
    // A minute into the stage: eu-west's baseline read high that minute, so its limit sits above a canary the rollout's evidence has failed.
    const early = { ...segment('region', 'eu-west', 'fail', 2.2, 13.1), canary: 2.913, limit: 8.411, canarySamples: 206 };
    const past = { ...segment('region', 'us-east', 'fail', 2.2, 9), canary: 3.046, limit: 1.2, canarySamples: 755 };
    const text = gateSummary(gate, total, [early, past]);
    expect(text).toContain('region eu-west: canary 2.913 % vs limit 8.411 % (n=206, evidence 13.1 of 8.5; within the limit in this stage so far, failing on the evidence since the rollout began)');
    expect(text).toContain('region us-east: canary 3.046 % vs limit 1.2 % (n=755, evidence 9.0 of 8.5)');
  });

  it('quotes a passing gate’s pass-side evidence, not its failure side’s', () => {
    const gate = Gate.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25 });
    const passing = { ...check('pass', 1.0, 0), canary: 0.4438, limit: 0.5137, canarySamples: 119193 };
    passing.evidence = { ...passing.evidence!, passLogE: 3.8, passBoundary: 3 };
    expect(gateSummary(gate, passing, [])).toBe('Error rate ≤ baseline × 1.25: passes — canary 0.4438 % vs limit 0.5137 % (n=119,193, evidence 3.8 of 3.0 to pass)');
  });
});
