import { downsampleSeries } from '../../../../shared/charts/downsample.ts';
import { gapBands, type GapBand } from '../../../../shared/charts/gaps.ts';
import type { SeriesGap, SeriesPoint } from '../../../../shared/domain/metrics.ts';
import { withGapBreaks } from './gapBreaks.ts';
import { withLimit, type BaselineLimit, type ChartPoint } from './limits.ts';
import { bucketPoints, metricBounds } from './buckets.ts';

/** Points per line on a main chart: about one per two pixels at its width, and cheap to redraw every second. */
export const MAIN_CHART_POINTS = 400;
/** Points per line on a small multiple. */
export const SMALL_CHART_POINTS = 300;

/**
 * What a chart draws, with the limit at each point: in buckets of `bucketMs` (means, and the canary's
 * 95 % band), or — null — the points themselves, thinned (LTTB per line, so spikes stay) to at most `maxPoints`.
 */
export function drawnPoints(points: readonly SeriesPoint[], maxPoints: number, limit: BaselineLimit | null, bucketMs: number | null = null, unit = ''): readonly ChartPoint[] {
  if (bucketMs !== null) return withLimit(bucketPoints(points, bucketMs, metricBounds(unit)), limit);
  return withLimit(points.length > maxPoints ? downsampleSeries(points, maxPoints) : points, limit);
}

/** The rightmost value drawn, for the caption: a bucket's mean where the chart draws buckets, not the noisier last raw sample. */
export function latestDrawn(points: readonly ChartPoint[], key: 'canary' | 'baseline'): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]![key];
    if (v !== null) return v;
  }
  return null;
}

/** A caption's value to four significant digits: "179.2 ms", not a bucket mean's "179.2189 ms". */
export const fourDigits = (v: number | null): number | null => (v === null ? null : Number(v.toPrecision(4)));

/** A small chart's lines as drawn (drawnPoints), with its gaps as bands and a break in each. */
export function drawnWithGaps(
  series: { points: readonly SeriesPoint[]; gaps?: readonly SeriesGap[] | undefined },
  limit: BaselineLimit | null,
  bucketMs: number | null = null,
  unit = '',
): { points: readonly ChartPoint[]; gaps: GapBand[] } {
  const gaps = series.gaps?.length ? gapBands(series.gaps) : [];
  return { gaps, points: withGapBreaks(drawnPoints(series.points, SMALL_CHART_POINTS, limit, bucketMs, unit), gaps) };
}
