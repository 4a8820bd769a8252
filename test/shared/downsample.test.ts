import { describe, expect, it } from 'vitest';
import { downsampleSeries, lttb, seededRandom, type SeriesPoint } from '../../shared/index.ts';

const noisy = (n: number, seed = 1): SeriesPoint[] => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => ({ t: i * 2000, canary: 100 + r() * 10, baseline: 100 + r() * 10 }));
};

describe('downsampling for charts', () => {
  it('keeps short series as they are', () => {
    const pts = noisy(500);
    expect(downsampleSeries(pts, 1000)).toEqual(pts);
  });

  it('draws at most about 1,000 points per line from 100,000, first and last kept, in time order', () => {
    const pts = noisy(100_000);
    const out = downsampleSeries(pts, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.length).toBeGreaterThan(400);
    expect(out[0]).toEqual(pts[0]);
    expect(out.at(-1)).toEqual(pts.at(-1));
    expect(out.map((p) => p.t)).toEqual([...out.map((p) => p.t)].sort((a, b) => a - b));
  });

  it('keeps a one-sample spike visible in either line', () => {
    const pts = noisy(100_000);
    pts[61_234] = { ...pts[61_234]!, canary: 900 };
    pts[7_777] = { ...pts[7_777]!, baseline: -400 };
    const out = downsampleSeries(pts, 1000);
    expect(Math.max(...out.map((p) => p.canary ?? 0))).toBe(900);
    expect(Math.min(...out.map((p) => p.baseline ?? 0))).toBe(-400);
  });

  it('skips gaps in one line without dropping the other line', () => {
    const pts = noisy(10_000).map((p, i) => (i % 2 ? { ...p, baseline: null } : p));
    const out = downsampleSeries(pts, 1000);
    expect(out.some((p) => p.baseline === null)).toBe(true);
    expect(out.filter((p) => p.canary !== null).length).toBeGreaterThan(400);
  });

  it('picks the extreme point of a bucket (largest triangle)', () => {
    const pts = [0, 0, 0, 5, 0, 0, 0].map((y, x) => ({ x, y }));
    expect(lttb(pts, 3).map((p) => p.y)).toEqual([0, 5, 0]);
  });
});
