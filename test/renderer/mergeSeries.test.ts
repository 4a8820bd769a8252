import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../shared/domain/metrics.ts';
import { lastPointTime, mergeSeries } from '../../renderer/api/series/mergeSeries.ts';

const series = (metric: MetricSeries['metric'], ts: number[], v = 1): MetricSeries => ({
  metric,
  label: metric,
  unit: '%',
  points: ts.map((t) => ({ t, canary: v, baseline: v })),
});

describe('metric series merging', () => {
  it('replaces points from sinceMs on and appends the new ones', () => {
    const current = [series('error_rate', [10, 20, 30], 1)];
    const fresh = [series('error_rate', [30, 40], 2)];
    const merged = mergeSeries(current, fresh, 30, 1000);
    expect(merged[0]!.points.map((p) => [p.t, p.canary])).toEqual([[10, 1], [20, 1], [30, 2], [40, 2]]);
  });

  it('drops points that fell out of the window and adds metrics it had not seen', () => {
    const merged = mergeSeries([series('error_rate', [0, 50, 100])], [series('error_rate', [100, 150]), series('p95_latency_ms', [150])], 100, 100);
    expect(merged.map((s) => s.metric)).toEqual(['error_rate', 'p95_latency_ms']);
    expect(merged[0]!.points.map((p) => p.t)).toEqual([50, 100, 150]);
  });

  it('keeps a series the answer left out', () => {
    const kept = series('crash_free_users', [10]);
    expect(mergeSeries([kept], [], 10, 1000)[0]).toBe(kept);
  });

  it('finds the newest point across metrics', () => {
    expect(lastPointTime([series('error_rate', [1, 5]), series('p95_latency_ms', [7])])).toBe(7);
    expect(lastPointTime([series('error_rate', [])])).toBeNull();
  });
});
