import { describe, expect, it } from 'vitest';
import { chartFrame } from '../../renderer/features/release-detail/charts/frame.ts';
import { liveTimeDomain, timeTicks } from '../../renderer/features/release-detail/charts/timeAxis.ts';
import { niceDomain, niceStep, sharedDomain } from '../../renderer/features/release-detail/charts/valueDomain.ts';

const MINUTE = 60_000;
const series = (values: [number, number][], limit?: number) => ({
  points: values.map(([canary, baseline], i) => ({ t: i * 1000, canary, baseline, ...(limit === undefined ? {} : { limit: baseline * limit }) })),
});

describe('the small multiples’ shared domain', () => {
  it('spans every segment’s canary, baseline and limit, so the charts compare', () => {
    const calm = series([[170, 180], [175, 178]], 1.1);
    const breaking = series([[320, 181], [340, 179]], 1.1);
    const [lo, hi] = sharedDomain([calm, breaking])!;
    expect(lo).toBeLessThanOrEqual(170);
    expect(hi).toBeGreaterThanOrEqual(340);
    // The same for each multiple: computed once over all of them.
    expect(sharedDomain([breaking, calm])).toEqual([lo, hi]);
    // A limit above all values widens it.
    const [, hiWithLimit] = sharedDomain([series([[100, 200]], 1.5)])!;
    expect(hiWithLimit).toBeGreaterThanOrEqual(300);
  });

  it('takes in the thresholds and ignores gaps; nothing at all gives no domain', () => {
    const [lo] = sharedDomain([{ points: [{ t: 0, canary: 99.9, baseline: null }] }], [99.5])!;
    expect(lo).toBeLessThanOrEqual(99.5);
    expect(sharedDomain([{ points: [] }])).toBeNull();
  });

  it('rounds to steps of 1, 2, 2.5 or 5 × 10ⁿ, so a live axis moves only when the data crosses one', () => {
    expect(niceStep(0.03)).toBeCloseTo(0.05);
    expect(niceStep(21)).toBe(25);
    expect(niceStep(40)).toBe(50);
    expect(niceDomain(172, 338)).toEqual([150, 350]);
    expect(niceDomain(172.4, 337.1)).toEqual(niceDomain(171.9, 338.6));
    const [flatLo, flatHi] = niceDomain(5, 5);
    expect(flatLo).toBeLessThan(5);
    expect(flatHi).toBeGreaterThan(5);
  });
});

describe('the time axis', () => {
  it('widens the span to whole quanta of at most a 24th of it', () => {
    expect(liveTimeDomain(10 * MINUTE + 7_000, 40 * MINUTE + 12_000)).toEqual([10 * MINUTE, 41 * MINUTE]);
    // One more second of data does not move it.
    expect(liveTimeDomain(10 * MINUTE + 7_000, 40 * MINUTE + 13_000)).toEqual([10 * MINUTE, 41 * MINUTE]);
    expect(liveTimeDomain(0, 60 * 1000)).toEqual([0, 60 * 1000]);
  });

  it('puts round-minute ticks across the span, no more than asked', () => {
    expect(timeTicks(3 * MINUTE, 33 * MINUTE + 30_000, 8, 0)).toEqual([5, 10, 15, 20, 25, 30].map((m) => m * MINUTE));
    expect(timeTicks(0, 60 * MINUTE, 4, 0)).toEqual([0, 30 * MINUTE, 60 * MINUTE]);
    expect(timeTicks(0, 60 * MINUTE, 4, 30 * MINUTE).length).toBeLessThanOrEqual(4);
  });

  it('gives one frame for several series: the widest time span and value range', () => {
    const a = { points: [{ t: 0, canary: 1, baseline: 1 }, { t: 10 * MINUTE, canary: 2, baseline: 1 }] };
    const b = { points: [{ t: 5 * MINUTE, canary: 9, baseline: 1 }, { t: 20 * MINUTE, canary: 3, baseline: 1 }] };
    const frame = chartFrame([a, b], [], [])!;
    expect(frame.xDomain[0]).toBeLessThanOrEqual(0);
    expect(frame.xDomain[1]).toBeGreaterThanOrEqual(20 * MINUTE);
    expect(frame.yDomain[0]).toBeLessThanOrEqual(1);
    expect(frame.yDomain[1]).toBeGreaterThanOrEqual(9);
  });
});
