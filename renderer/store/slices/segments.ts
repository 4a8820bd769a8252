import type { MetricName, SeriesPoint } from '../../../shared/domain/metrics.ts';
import type { Dimension } from '../../../shared/gates/types.ts';
import type { AppError } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { lastPointTime, mergeKeyed } from '../../api/series/mergeSeries.ts';
import { KEPT_POINTS, thinSeries } from '../../api/series/thinSeries.ts';
import type { SliceCreator } from '../types.ts';

/** One metric of a release, per segment of one dimension: what the small multiples show. */
export interface SegmentQuery {
  releaseId: string;
  metric: MetricName;
  dimension: Dimension;
}

export interface SegmentSeries {
  key: string;
  points: SeriesPoint[];
}

/** Points asked and kept per segment: as many as a main chart keeps, so a segment's buckets average its real intervals too. */
export const SEGMENT_POINTS = KEPT_POINTS;

export const segmentQueryKey = (q: SegmentQuery): string => `${q.releaseId}|${q.metric}|${q.dimension}`;

export interface SegmentsSlice {
  segmentsQuery: SegmentQuery | null;
  /** The last answer, with the query it answers (kept while another loads, so a switch does not flash). */
  segmentSeries: { key: string; series: SegmentSeries[] } | null;
  segmentsError: AppError | null;
  openSegments(query: SegmentQuery): void;
  closeSegments(): void;
  /** Fetches what arrived since the last point shown (everything, for a new query). */
  syncSegments(): Promise<void>;
}

export const createSegmentsSlice: SliceCreator<SegmentsSlice> = (client) => (set, get) => {
  const sync = coalesce(async () => {
    const query = get().segmentsQuery;
    if (!query) return;
    const key = segmentQueryKey(query);
    const shown = get().segmentSeries;
    const since = shown?.key === key ? lastPointTime(shown.series) : null;
    const result = await client.getSegmentSeries({ ...query, maxPoints: SEGMENT_POINTS, ...(since === null ? {} : { sinceMs: since }) });
    const now = get().segmentsQuery;
    if (!now || segmentQueryKey(now) !== key) return;
    if (!result.ok) {
      set({ segmentsError: result.error });
      return;
    }
    const current = get().segmentSeries;
    const merged = current?.key === key && since !== null ? mergeKeyed(current.series, result.value, (s) => s.key, since) : result.value;
    set({ segmentSeries: { key, series: merged.map((s) => thinSeries(s, SEGMENT_POINTS)) }, segmentsError: null });
  });
  return {
    segmentsQuery: null,
    segmentSeries: null,
    segmentsError: null,
    openSegments: (query) => {
      const current = get().segmentsQuery;
      if (!current || segmentQueryKey(current) !== segmentQueryKey(query)) set({ segmentsQuery: query, segmentsError: null });
      void sync();
    },
    closeSegments: () => set({ segmentsQuery: null }),
    syncSegments: sync,
  };
};
