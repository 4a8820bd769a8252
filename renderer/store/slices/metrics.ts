import type { MetricSeries } from '../../../shared/domain/metrics.ts';
import type { AppError } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { lastPointTime, mergeSeries } from '../../api/series/mergeSeries.ts';
import { KEPT_POINTS, thinSeries } from '../../api/series/thinSeries.ts';
import type { SliceCreator } from '../types.ts';

export interface MetricsSlice {
  /** Canary and baseline per metric for `seriesFor`; null while the first answer is pending. */
  series: MetricSeries[] | null;
  seriesFor: string | null;
  metricsError: AppError | null;
  openMetrics(releaseId: string): void;
  /** Fetches what arrived since the last point shown (everything, the first time). */
  syncMetrics(): Promise<void>;
}

export const createMetricsSlice: SliceCreator<MetricsSlice> = (client) => (set, get) => {
  const sync = coalesce(async () => {
    const releaseId = get().seriesFor;
    if (!releaseId) return;
    const shown = get().series;
    const since = shown ? lastPointTime(shown) : null;
    const result = await client.getMetricSeries(since === null ? { releaseId, maxPoints: KEPT_POINTS } : { releaseId, sinceMs: since, maxPoints: KEPT_POINTS });
    // The page may have moved on to another release meanwhile.
    if (get().seriesFor !== releaseId) return;
    if (!result.ok) {
      set({ metricsError: result.error });
      return;
    }
    const current = get().series;
    const merged = current && since !== null ? mergeSeries(current, result.value, since) : result.value;
    // Appended ticks would grow the hour without bound; the charts draw fewer points still.
    set({ series: merged.map((s) => thinSeries(s)), metricsError: null });
  });

  return {
    series: null,
    seriesFor: null,
    metricsError: null,
    openMetrics: (releaseId) => {
      if (get().seriesFor !== releaseId) set({ seriesFor: releaseId, series: null, metricsError: null });
      void sync();
    },
    syncMetrics: sync,
  };
};
