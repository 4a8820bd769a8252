import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../shared/domain/metrics.ts';
import { drawnPoints, fourDigits, latestDrawn, MAIN_CHART_POINTS } from '../../renderer/features/release-detail/charts/drawn.ts';
import { linePath } from '../../renderer/features/release-detail/charts/linePath.ts';
import { linearScale, nearestIndex, plotScales, steppedIndex } from '../../renderer/features/release-detail/charts/plotScale.ts';
import { KEPT_POINTS, thinSeries } from '../../renderer/api/series/thinSeries.ts';

/** An hour at one point a second, flat but for one spike. */
function hour(spikeAt = 1234): SeriesPoint[] {
  return Array.from({ length: 3600 }, (_, i) => ({ t: i * 1000, canary: i === spikeAt ? 900 : 100 + (i % 7), baseline: 100 + (i % 5) }));
}

describe('drawing long series', () => {
  it('draws at most the chart’s budget per line and keeps a spike', () => {
    const drawn = drawnPoints(hour(), MAIN_CHART_POINTS, null);
    expect(drawn.length).toBeLessThanOrEqual(MAIN_CHART_POINTS);
    expect(Math.max(...drawn.map((p) => p.canary ?? 0))).toBe(900);
    expect(drawn.at(-1)!.t).toBe(3599 * 1000);
  });

  it('captions a bucketed chart with its last bucket’s mean, not the noisier last sample', () => {
    // Ten-second samples: the last minute's six average 0.5 %, its last one alone reads 1.1 %.
    const points: SeriesPoint[] = Array.from({ length: 18 }, (_, i) => ({ t: i * 10_000, canary: i === 17 ? 1.1 : i >= 12 ? 0.38 : 0.5, baseline: 0.4 }));
    const buckets = drawnPoints(points, MAIN_CHART_POINTS, null, 60_000, '%');
    expect(latestDrawn(buckets, 'canary')).toBeCloseTo(0.5, 9);
    expect(latestDrawn(drawnPoints(points, MAIN_CHART_POINTS, null), 'canary')).toBe(1.1);
    expect(latestDrawn([...buckets, { t: 200_000, canary: null, baseline: 0.4 }], 'canary')).toBeCloseTo(0.5, 9);
    expect([fourDigits(179.2189), fourDigits(99.96391), fourDigits(null)]).toEqual([179.2, 99.96, null]);
  });

  it('leaves short series as they are', () => {
    const short = hour().slice(0, 50);
    expect(drawnPoints(short, MAIN_CHART_POINTS, null)).toBe(short);
  });

  it('thins what the store keeps once it grows a quarter past the budget, keeping the last point', () => {
    const s = { key: 'eu-west', points: hour(3000) };
    const thinned = thinSeries(s);
    expect(thinned.points.length).toBeLessThanOrEqual(KEPT_POINTS + 1);
    expect(thinned.points.at(-1)).toBe(s.points.at(-1));
    expect(Math.max(...thinned.points.map((p) => p.canary ?? 0))).toBe(900);
    const small = { key: 'x', points: s.points.slice(0, KEPT_POINTS + 200) };
    expect(thinSeries(small)).toBe(small);
  });

  it('draws a line as one path, skipping gaps', () => {
    const points = [
      { t: 0, canary: 0, baseline: 1 },
      { t: 5, canary: null, baseline: 1 },
      { t: 10, canary: 10, baseline: 1 },
    ];
    const { x, y } = plotScales({ x: 0, y: 0, width: 100, height: 50 }, [0, 10], [0, 10]);
    expect(linePath(points, 'canary', x, y)).toBe('M0,50L100,0');
    expect(linePath(points, 'limit', x, y)).toBe('');
  });

  it('maps domains onto the plot and finds the point nearest the pointer', () => {
    expect(linearScale([0, 10], [100, 200])(2.5)).toBe(125);
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
    const points = [{ t: 0 }, { t: 10 }, { t: 20 }];
    expect(nearestIndex(points, 4)).toBe(0);
    expect(nearestIndex(points, 6)).toBe(1);
    expect(nearestIndex(points, 99)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });

  it('walks the points with the keyboard, starting from the latest', () => {
    expect(steppedIndex(-1, 50, 'ArrowLeft')).toBe(49);
    expect(steppedIndex(-1, 50, 'Home')).toBe(0);
    expect(steppedIndex(10, 50, 'ArrowLeft')).toBe(9);
    expect(steppedIndex(10, 50, 'ArrowRight')).toBe(11);
    expect(steppedIndex(49, 50, 'ArrowRight')).toBe(49);
    expect(steppedIndex(0, 50, 'ArrowLeft')).toBe(0);
    expect(steppedIndex(10, 50, 'PageDown')).toBe(15);
    expect(steppedIndex(2, 50, 'PageUp')).toBe(0);
    expect(steppedIndex(10, 50, 'End')).toBe(49);
    expect(steppedIndex(10, 50, 'a')).toBeNull();
    expect(steppedIndex(-1, 0, 'End')).toBeNull();
  });
});
