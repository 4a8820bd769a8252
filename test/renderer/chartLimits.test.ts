import { describe, expect, it } from 'vitest';
import type { Gate } from '../../shared/gates/types.ts';
import { chartLimits, limitAt, withLimit } from '../../renderer/features/release-detail/charts/limits.ts';

const base = { segments: [], minSamples: 50 };
const relative = (id: string, factor: number, op: 'lte' | 'gte' = 'lte'): Gate => ({ ...base, id, kind: 'relative', metric: 'p95_latency_ms', op, factor });
const kpi = (id: string, points: number, op: 'lte' | 'gte' = 'gte'): Gate => ({ ...base, id, kind: 'kpi', metric: 'kpi_conversion', op, points });
const threshold = (id: string, value: number, op: 'lte' | 'gte' = 'gte'): Gate => ({ ...base, id, kind: 'threshold', metric: 'crash_free_users', op, value });

describe('chart limits from the gates', () => {
  it('draws a relative gate as baseline × factor, labelled so', () => {
    const limits = chartLimits([relative('latency', 1.1)], 'p95_latency_ms');
    expect(limits.thresholds).toEqual([]);
    expect(limits.baseline).toMatchObject({ gateId: 'latency', scale: 1.1, offset: 0, label: 'Limit (baseline × 1.1)' });
    expect(limitAt(200, limits.baseline!)).toBeCloseTo(220);
    expect(limitAt(null, limits.baseline!)).toBeNull();
  });

  it('draws a KPI gate as baseline − points (gte) or + points (lte)', () => {
    const below = chartLimits([kpi('conversion', 0.5)], 'kpi_conversion').baseline!;
    expect(below.label).toBe('Limit (baseline − 0.5 points)');
    expect(limitAt(4.1, below)).toBeCloseTo(3.6);
    const above = chartLimits([kpi('conversion', 0.5, 'lte')], 'kpi_conversion').baseline!;
    expect(above.label).toBe('Limit (baseline + 0.5 points)');
    expect(limitAt(4.1, above)).toBeCloseTo(4.6);
  });

  it('draws a threshold gate as a fixed value, and only gates on the chart’s metric', () => {
    const limits = chartLimits([threshold('crash', 99.5), relative('latency', 1.2)], 'crash_free_users');
    expect(limits.thresholds).toEqual([{ gateId: 'crash', value: 99.5, label: 'Limit ≥ 99.5%' }]);
    expect(limits.baseline).toBeNull();
  });

  it('keeps the first gate that follows the baseline when there are two', () => {
    expect(chartLimits([relative('a', 1.1), relative('b', 1.5)], 'p95_latency_ms').baseline?.gateId).toBe('a');
  });

  it('computes the limit at every point from that point’s baseline, and leaves points alone without one', () => {
    const points = [
      { t: 1, canary: 100, baseline: 100 },
      { t: 2, canary: 130, baseline: null },
      { t: 3, canary: 90, baseline: 80 },
    ];
    const spec = chartLimits([relative('latency', 1.25)], 'p95_latency_ms').baseline;
    expect(withLimit(points, spec).map((p) => p.limit)).toEqual([125, null, 100]);
    expect(withLimit(points, null)).toBe(points);
  });
});
