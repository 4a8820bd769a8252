import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketPoints, bucketWidth } from '../../renderer/features/release-detail/charts/buckets.ts';
import { bandPath, thresholdPath } from '../../renderer/features/release-detail/charts/linePath.ts';
import { choiceWithData, segmentsWithData } from '../../renderer/features/release-detail/charts/multiples.ts';
import { valueExtent } from '../../renderer/features/release-detail/charts/valueDomain.ts';

const MIN = 60_000;
const identity = (v: number) => v;

describe('time buckets that adapt to the range', () => {
  it('pick a round width giving at most 60 buckets', () => {
    expect([20 * MIN, 31 * MIN, 60 * MIN, 6 * 60 * MIN, 3 * MIN].map((span) => bucketLabel(bucketWidth(span)))).toEqual(['30 s', '1 min', '1 min', '10 min', '5 s']);
  });

  it('average each bucket on the clock, drawn at its mean time, with the canary’s 95 % interval from the spread of its values', () => {
    const points = [
      { t: 60_000, canary: 1, baseline: 10 },
      { t: 80_000, canary: 2, baseline: 12 },
      { t: 100_000, canary: 3, baseline: null },
      { t: 125_000, canary: 5, baseline: 11 },
    ];
    const [first, second] = bucketPoints(points, MIN);
    expect(first).toMatchObject({ t: 80_000, canary: 2, baseline: 11, n: 3, from: 60_000, width: MIN });
    const half = 1.959963984540054 * Math.sqrt(1 / 3);
    expect(first!.canaryLo).toBeCloseTo(2 - half, 10);
    expect(first!.canaryHi).toBeCloseTo(2 + half, 10);
    // One value says nothing of its spread: no band rather than a made-up one.
    expect(second).toMatchObject({ t: 125_000, canary: 5, baseline: 11, n: 1, canaryLo: null, canaryHi: null });
  });

  it('keep the band within what the metric can be, and widen the y-range to it', () => {
    const [b] = bucketPoints([{ t: 0, canary: 99.9, baseline: 99.9 }, { t: 1, canary: 100, baseline: 99.9 }, { t: 2, canary: 98, baseline: 99.9 }], MIN, [0, 100]);
    expect(b!.canaryHi).toBe(100);
    expect(b!.canaryLo).toBeCloseTo(98.0248, 3);
    expect(valueExtent([{ points: [b!] }])![0]).toBe(b!.canaryLo);
  });

  it('draw the band as closed areas that break where a bucket has none', () => {
    const band = bandPath(
      [
        { t: 0, canary: 1, baseline: 1, canaryLo: 0, canaryHi: 2 },
        { t: 10, canary: 1, baseline: 1, canaryLo: 0.5, canaryHi: 1.5 },
        { t: 20, canary: 1, baseline: 1, canaryLo: null, canaryHi: null },
        { t: 30, canary: 1, baseline: 1, canaryLo: 0, canaryHi: 3 },
      ],
      identity,
      identity,
    );
    expect(band).toBe('M0,2L10,1.5L10,0.5L0,0Z');
    expect(thresholdPath(99.5, 40, 400, identity)).toBe('M40,99.5L400,99.5');
  });
});

describe('segments offered for small multiples', () => {
  const recorded = [
    { metric: 'error_rate' as const, dimension: 'device' as const, keys: ['phone', 'tablet'] },
    { metric: 'error_rate' as const, dimension: 'region' as const, keys: ['eu-west'] },
    { metric: 'p95_latency_ms' as const, dimension: 'tenant' as const, keys: [] },
  ];

  it('are the dimensions with samples, per metric, in a fixed order', () => {
    expect([...segmentsWithData(recorded)]).toEqual([['error_rate', ['region', 'device']]]);
  });

  it('move a choice without data to one with data, or to none', () => {
    const available = segmentsWithData(recorded);
    expect(choiceWithData({ metric: 'error_rate', dimension: 'device' }, available)).toEqual({ metric: 'error_rate', dimension: 'device' });
    expect(choiceWithData({ metric: 'error_rate', dimension: 'tenant' }, available)).toEqual({ metric: 'error_rate', dimension: 'region' });
    expect(choiceWithData({ metric: 'p95_latency_ms', dimension: 'tenant' }, available)).toEqual({ metric: 'error_rate', dimension: 'region' });
    expect(choiceWithData({ metric: 'p95_latency_ms', dimension: 'region' }, segmentsWithData([]))).toBeNull();
  });
});
