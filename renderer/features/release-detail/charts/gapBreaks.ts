import type { GapBand } from '../../../../shared/charts/gaps.ts';
import type { ChartPoint } from './limits.ts';

/**
 * The drawn points with a break marker in the middle of each gap, in time order: the lines lift the
 * pen there instead of drawing a straight line across data that is not there. The same array when
 * there is no gap.
 */
export function withGapBreaks(points: readonly ChartPoint[], bands: readonly GapBand[]): readonly ChartPoint[] {
  if (bands.length === 0) return points;
  // An open gap runs to now: a marker at its end too, so the time axis reaches it.
  const markers: ChartPoint[] = bands
    .flatMap((b) => [Math.round((b.from + b.to) / 2), ...(b.open ? [b.to] : [])].map((t) => ({ t, canary: null, baseline: null, breaks: b.lines })))
    .sort((a, b) => a.t - b.t);
  const out: ChartPoint[] = [];
  let m = 0;
  for (const p of points) {
    while (m < markers.length && markers[m]!.t < p.t) out.push(markers[m++]!);
    out.push(p);
  }
  while (m < markers.length) out.push(markers[m++]!);
  return out;
}

/**
 * The points the pointer and the arrow keys stop at: the drawn ones. A break marker holds neither line's
 * value, so stopping there would read "—" for a line drawn right through it (the canary, where only
 * the baseline is silent); the shading already says where a line has no data.
 */
export function pointerStops(points: readonly ChartPoint[]): readonly ChartPoint[] {
  return points.some((p) => p.breaks !== undefined) ? points.filter((p) => p.breaks === undefined) : points;
}
