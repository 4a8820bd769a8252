import { describe, expect, it } from 'vitest';
import { cumulative, renderOpenMetrics } from '../../support/openMetrics.ts';
import { BACKFILL_AGE_MS, startPrometheus } from '../../support/prometheus.ts';

describe('OpenMetrics for promtool', () => {
  it('renders counters, gauges and histograms with labels and float-second timestamps, ending in # EOF', () => {
    const text = renderOpenMetrics([
      { type: 'counter', name: 'http_requests', help: 'Requests', series: [{ labels: { code: '200', version: 'a"b' }, points: [[1_565_133_713_989, 1021], [1_565_133_653_000, 1000]] }] },
      { type: 'gauge', name: 'queue_depth', series: [{ labels: {}, points: [[1_565_133_713_000, NaN]] }] },
      { type: 'histogram', name: 'latency_seconds', bounds: [0.1], series: [{ labels: { version: 'canary' }, points: [{ t: 1_565_133_713_000, cumulative: [5, 9], sum: 1.7 }] }] },
    ]);
    expect(text).toBe(
      [
        '# TYPE http_requests counter',
        '# HELP http_requests Requests',
        'http_requests_total{code="200",version="a\\"b"} 1000 1565133653.000',
        'http_requests_total{code="200",version="a\\"b"} 1021 1565133713.989',
        '# TYPE queue_depth gauge',
        'queue_depth NaN 1565133713.000',
        '# TYPE latency_seconds histogram',
        'latency_seconds_bucket{version="canary",le="0.1"} 5 1565133713.000',
        'latency_seconds_bucket{version="canary",le="+Inf"} 9 1565133713.000',
        'latency_seconds_count{version="canary"} 9 1565133713.000',
        'latency_seconds_sum{version="canary"} 1.7 1565133713.000',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('refuses a histogram point whose counts do not match its buckets, and names that are not OpenMetrics', () => {
    expect(() => renderOpenMetrics([{ type: 'histogram', name: 'h', bounds: [1, 2], series: [{ labels: {}, points: [{ t: 0, cumulative: [1], sum: 0 }] }] }])).toThrow('3 cumulative counts expected');
    expect(() => renderOpenMetrics([{ type: 'gauge', name: 'bad-name', series: [] }])).toThrow('not an OpenMetrics metric name');
    expect(() => renderOpenMetrics([{ type: 'gauge', name: 'g', series: [{ labels: { 'le-x': '1' }, points: [[0, 1]] }] }])).toThrow('not an OpenMetrics label name');
  });

  it('builds a counter from per-step increments', () => {
    expect(cumulative(1000, 60_000, [2, 0, 3])).toEqual([[1000, 0], [61_000, 2], [121_000, 2], [181_000, 5]]);
  });

  it('refuses to backfill samples inside Prometheus’ head block', async () => {
    const now = Date.now();
    await expect(startPrometheus({ now, families: [{ type: 'gauge', name: 'g', series: [{ labels: {}, points: [[now - BACKFILL_AGE_MS + 60_000, 1]] }] }] })).rejects.toThrow(
      /backfilled samples must be older than 195 min/,
    );
  });
});
