import { describe, expect, it } from 'vitest';
import type { Gate, GateResult, SegmentCheck } from '../../shared/gates/types.ts';
import { breakingSegments, defaultSegmentChoice } from '../../renderer/features/release-detail/charts/multiples.ts';

const gate = (id: string, kind: Gate['kind'], metric: Gate['metric'], segments: Gate['segments'] = []): Gate =>
  (kind === 'threshold'
    ? { id, kind, metric, segments, minSamples: 50, op: 'lte', value: 1 }
    : kind === 'relative'
      ? { id, kind, metric, segments, minSamples: 50, op: 'lte', factor: 1.2 }
      : { id, kind, metric, segments, minSamples: 50, op: 'gte', points: 0.5 }) as Gate;
const seg = (dimension: SegmentCheck['dimension'], key: string, outcome: SegmentCheck['outcome']): SegmentCheck => ({ dimension, key, outcome, canary: 1, baseline: 1, limit: 1, canarySamples: 1, baselineSamples: 1 });
const result = (gateId: string, metric: GateResult['metric'], outcome: GateResult['outcome'], segments: SegmentCheck[] = []): GateResult => ({
  gateId,
  kind: 'relative',
  metric,
  outcome,
  summary: '',
  total: { outcome, canary: 1, baseline: 1, limit: 1, canarySamples: 1, baselineSamples: 1 },
  segments,
  judge: null,
});

describe('the small multiples’ choice', () => {
  const gates = [gate('crash', 'threshold', 'crash_free_users'), gate('errors', 'relative', 'error_rate', ['device']), gate('latency', 'relative', 'p95_latency_ms', ['region', 'device'])];

  it('follows the failing gate: its metric, by its first segment dimension', () => {
    const results = [result('errors', 'error_rate', 'pass'), result('latency', 'p95_latency_ms', 'fail', [seg('region', 'eu-west', 'fail')])];
    expect(defaultSegmentChoice(results, gates)).toEqual({ metric: 'p95_latency_ms', dimension: 'region' });
  });

  it('prefers a failing gate that judges segments over one that does not', () => {
    const results = [result('crash', 'crash_free_users', 'fail'), result('latency', 'p95_latency_ms', 'fail', [seg('region', 'eu-west', 'fail')])];
    expect(defaultSegmentChoice(results, gates)?.metric).toBe('p95_latency_ms');
  });

  it('without a failing gate, takes the first relative gate', () => {
    expect(defaultSegmentChoice([result('errors', 'error_rate', 'pass')], gates)).toEqual({ metric: 'error_rate', dimension: 'device' });
    expect(defaultSegmentChoice([], [])).toBeNull();
  });

  it('marks as breaking the segments failing a gate on the metric, in the dimension shown', () => {
    const results = [
      result('latency', 'p95_latency_ms', 'fail', [seg('region', 'eu-west', 'fail'), seg('region', 'us-east', 'pass'), seg('device', 'ios', 'fail')]),
      result('errors', 'error_rate', 'fail', [seg('region', 'ap-south', 'fail')]),
    ];
    expect([...breakingSegments(results, { metric: 'p95_latency_ms', dimension: 'region' })]).toEqual(['eu-west']);
    expect([...breakingSegments(results, { metric: 'p95_latency_ms', dimension: 'device' })]).toEqual(['ios']);
  });
});
