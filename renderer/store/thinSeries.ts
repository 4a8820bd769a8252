import { downsampleSeries } from '../../shared/charts/downsample.ts';
import type { SeriesPoint } from '../../shared/domain/metrics.ts';

/** Points kept per series: the host thins each answer, but incremental fetches append one tick at a time. */
export const KEPT_POINTS = 1000;

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
