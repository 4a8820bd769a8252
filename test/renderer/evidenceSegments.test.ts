import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../renderer/features/decisions/evidence.ts';

describe('a decision’s evidence: the segment where a gate failed', () => {
  it('reads each kept segment series with its metric’s label and unit, and leaves out what does not fit', () => {
    const evidence = readEvidence({
      series: { p95_latency_ms: { unit: 'ms', points: [{ t: 1, canary: 300, baseline: 200 }] } },
      segmentSeries: [
        { metric: 'p95_latency_ms', gateId: 'latency', dimension: 'region', key: 'eu-west', unit: 'ms', points: [{ t: 1, canary: 420, baseline: 205 }] },
        { metric: 'nonsense', gateId: 'x', dimension: 'region', key: 'eu-west', points: [] },
      ],
    });
    expect(evidence.segmentSeries).toEqual([
      { metric: 'p95_latency_ms', label: 'p95 latency', unit: 'ms', gateId: 'latency', dimension: 'region', key: 'eu-west', points: [{ t: 1, canary: 420, baseline: 205 }] },
    ]);
  });

  it('has none in evidence written before segments were kept', () => {
    expect(readEvidence({ series: {} }).segmentSeries).toEqual([]);
  });
});
