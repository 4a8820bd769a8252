import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../shared/gates/types.ts';
import { formatP, judgeSummary, judgeText, metricVerdict } from '../../renderer/features/release-detail/charts/verdict.ts';

const check = { canary: 1, baseline: 1, limit: 1, canarySamples: 100, baselineSamples: 100 };
const result = (gateId: string, metric: GateResult['metric'], outcome: GateResult['outcome'], judge: GateResult['judge'] = null): GateResult => ({
  gateId,
  kind: 'relative',
  metric,
  outcome,
  summary: '',
  total: { ...check, outcome },
  segments: [],
  judge,
});
const judged = (classification: string, alwaysValidP: number | null, pValue = 0.2) => ({
  outcome: 'fail',
  reason: 'overall',
  metrics: [{ classification, reason: `${classification}: always-valid p ${alwaysValidP}`, test: { pValue }, sequential: alwaysValidP === null ? null : { alwaysValidP } }],
});

describe('the verdict per metric', () => {
  it('reads the judge’s classification, its always-valid p and reason', () => {
    expect(judgeSummary(judged('High', 0.003))).toEqual({ classification: 'High', p: 0.003, reason: 'High: always-valid p 0.003', where: null });
    // Without a sequential test, the fixed-sample p of the look.
    expect(judgeSummary(judged('Pass', null, 0.23))?.p).toBe(0.23);
  });

  it('reads the failing segment’s judgement when the total passed', () => {
    const judge = {
      metrics: [
        {
          classification: 'Pass',
          failed: false,
          reason: 'no significant difference',
          sequential: { alwaysValidP: 0.36 },
          segments: [
            { dimension: 'region', key: 'ap-south', classification: 'Pass', failed: false, sequential: { alwaysValidP: 1 }, reason: 'fine' },
            { dimension: 'region', key: 'eu-west', classification: 'High', failed: true, sequential: { alwaysValidP: 1.6e-8 }, reason: 'canary higher than baseline' },
          ],
        },
      ],
    };
    const summary = judgeSummary(judge)!;
    expect(summary).toEqual({ classification: 'High', p: 1.6e-8, reason: 'canary higher than baseline', where: 'eu-west' });
    expect(judgeText(summary)).toBe('High · p < 0.001 · eu-west');
  });

  it('reads nothing from evidence that is not the judge’s', () => {
    expect(judgeSummary(null)).toBeNull();
    expect(judgeSummary({ metrics: 'no' })).toBeNull();
    expect(judgeSummary({ metrics: [{ classification: 3 }] })).toBeNull();
  });

  it('takes the worst outcome of the gates on the metric, and the judge of the one that decided it', () => {
    const v = metricVerdict(
      [result('p95', 'p95_latency_ms', 'pass', judged('Pass', 1)), result('p95-eu', 'p95_latency_ms', 'fail', judged('High', 0.0004)), result('errors', 'error_rate', 'inconclusive')],
      'p95_latency_ms',
    )!;
    expect(v.outcome).toBe('fail');
    expect(v.gateIds).toEqual(['p95', 'p95-eu']);
    expect(judgeText(v.judge!)).toBe('High · p < 0.001');
    expect(metricVerdict([result('errors', 'error_rate', 'no_data')], 'p95_latency_ms')).toBeNull();
    expect(metricVerdict([result('errors', 'error_rate', 'inconclusive'), result('e2', 'error_rate', 'no_data')], 'error_rate')?.outcome).toBe('inconclusive');
  });

  it('writes p to the digits that matter against α', () => {
    expect(formatP(0.0031)).toBe('0.003');
    expect(formatP(0.0412)).toBe('0.041');
    expect(formatP(1)).toBe('1');
    expect(judgeText({ classification: 'NoData', p: null, reason: '', where: null })).toBe('NoData');
  });
});
