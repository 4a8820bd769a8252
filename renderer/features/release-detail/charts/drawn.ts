import { downsampleSeries } from '../../../../shared/charts/downsample.ts';
import type { SeriesPoint } from '../../../../shared/domain/metrics.ts';
import { withLimit, type BaselineLimit, type ChartPoint } from './limits.ts';

/** Points per line on a main chart: about one per two pixels at its width, and cheap to redraw every second. */
export const MAIN_CHART_POINTS = 400;
/** Points per line on a small multiple. */
export const SMALL_CHART_POINTS = 300;

/** What a chart draws: thinned (LTTB per line, so spikes stay) to at most `maxPoints`, with the limit at each point. */
export function drawnPoints(points: readonly SeriesPoint[], maxPoints: number, limit: BaselineLimit | null): readonly ChartPoint[] {
  return withLimit(points.length > maxPoints ? downsampleSeries(points, maxPoints) : points, limit);
}
