import type { SeriesPoint } from '../../../../shared/domain/metrics.ts';

/** The plot area inside a chart, in SVG pixels. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A linear map from `domain` onto `range` (a flat domain maps to the range's middle). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * The plot's two scales, as the axes draw them: both domains are given to Recharts with
 * allowDataOverflow, so its scales are these same linear maps (time left to right, values bottom up).
 */
export function plotScales(area: PlotArea, xDomain: readonly [number, number], yDomain: readonly [number, number]) {
  return { x: linearScale(xDomain, [area.x, area.x + area.width]), y: linearScale(yDomain, [area.y + area.height, area.y]) };
}

/** The index of the point nearest in time to `t` (points sorted by time); -1 when there are none. */
export function nearestIndex(points: readonly Pick<SeriesPoint, 't'>[], t: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && t - points[lo - 1]!.t <= points[lo]!.t - t) return lo - 1;
  return lo;
}

/**
 * Where a key moves the pointer along the points: arrows one point, Page keys a tenth of them,
 * Home / End to the ends; from nowhere (-1) any of them starts at the latest point. null when the
 * key is not one of these.
 */
export function steppedIndex(index: number, count: number, key: string): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const page = Math.max(1, Math.round(count / 10));
  const from = index < 0 ? last : index;
  const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, PageUp: -page, PageDown: page };
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  const delta = step[key];
  if (delta === undefined) return null;
  if (index < 0) return last;
  return Math.min(last, Math.max(0, from + delta));
}
