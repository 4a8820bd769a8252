import { describe, expect, it } from 'vitest';
import { evidenceCharts } from '../../renderer/features/decisions/evidence.ts';

describe('a decision’s evidence: the segment where a gate failed', () => {
  it('reads each kept segment series with its metric’s label and unit', () => {
    const charts = evidenceCharts({
      series: { p95_latency_ms: { unit: 'ms', points: [{ t: 1, canary: 300, baseline: 200 }] } },
      segmentSeries: [{ metric: 'p95_latency_ms', gateId: 'latency', dimension: 'region', key: 'eu-west', unit: 'ms', points: [{ t: 1, canary: 420, baseline: 205 }] }],
    });
    expect(charts.segmentSeries).toEqual([
      { metric: 'p95_latency_ms', label: 'p95 latency', unit: 'ms', gateId: 'latency', dimension: 'region', key: 'eu-west', points: [{ t: 1, canary: 420, baseline: 205 }] },
    ]);
  });

  it('has none in evidence that kept none', () => {
    expect(evidenceCharts({ series: {}, segmentSeries: [] }).segmentSeries).toEqual([]);
  });
});
