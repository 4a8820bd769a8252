import { downsampleSeries } from '../../../shared/charts/downsample.ts';
import type { SeriesPoint } from '../../../shared/domain/metrics.ts';

/**
 * Points kept per series: an hour of the simulator's 2-second ticks (1,800) whole, so the charts'
 * time buckets average the intervals themselves, not a thinned pick of them (which keeps the extremes
 * and would widen the canary's band); the host thins each answer to this, and incremental fetches
 * append one tick at a time.
 */
export const KEPT_POINTS = 2400;

/**
 * Thins a series (LTTB per line, so spikes stay) back to `keep` points once it grows a quarter past
 * it: thinning is then rare, not on every tick. The last point always stays, so incremental fetches
 * carry on from it. The same object when nothing needs thinning.
 */
export function thinSeries<T extends { points: SeriesPoint[] }>(series: T, keep = KEPT_POINTS): T {
  if (series.points.length <= Math.floor(keep * 1.25)) return series;
  const points = downsampleSeries(series.points, keep);
  const last = series.points.at(-1)!;
  if (points.at(-1) !== last) points.push(last);
  return { ...series, points };
}
