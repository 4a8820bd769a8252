import { queryOptions } from '@tanstack/react-query';
import type { StagegateClient } from '../../../shared/contract.ts';
import { unwrap } from '../hostError.ts';
import { queryKeys, type SegmentQuery } from '../queryKeys.ts';
import { lastPointTime, mergeKeyedWithGaps, mergeSeries } from './mergeSeries.ts';
import { KEPT_POINTS, thinSeries } from './thinSeries.ts';

/** Points asked and kept per segment: as many as a main chart keeps, so a segment's buckets average its real intervals too. */
export const SEGMENT_POINTS = KEPT_POINTS;

/**
 * Canary and baseline per metric of one release: the first fetch reads the window whole, each later
 * one only what arrived since the last point cached, merged in and thinned back (appended ticks
 * would grow the hour without bound). The merge keeps unchanged series as the same objects, so
 * structural sharing would only compare thousands of points for nothing.
 */
export const metricsQuery = (client: StagegateClient, releaseId: string) =>
  queryOptions({
    queryKey: queryKeys.metrics(releaseId),
    queryFn: async ({ client: cache }) => {
      const key = queryKeys.metrics(releaseId);
      const shown = cache.getQueryData(key);
      const since = shown ? lastPointTime(shown) : null;
      const fresh = await unwrap(client.getMetricSeries(since === null ? { releaseId, maxPoints: KEPT_POINTS } : { releaseId, sinceMs: since, maxPoints: KEPT_POINTS }));
      const current = cache.getQueryData(key);
      const merged = current && since !== null ? mergeSeries(current, fresh, since) : fresh;
      return merged.map((s) => thinSeries(s));
    },
    structuralSharing: false,
  });

/** One metric per segment of a dimension, fetched like the metrics: whole once, then from the last point on. */
export const segmentsQuery = (client: StagegateClient, query: SegmentQuery) =>
  queryOptions({
    queryKey: queryKeys.segments(query),
    queryFn: async ({ client: cache }) => {
      const key = queryKeys.segments(query);
      const shown = cache.getQueryData(key);
      const since = shown ? lastPointTime(shown) : null;
      const fresh = await unwrap(client.getSegmentSeries({ ...query, maxPoints: SEGMENT_POINTS, ...(since === null ? {} : { sinceMs: since }) }));
      const current = cache.getQueryData(key);
      const merged = current && since !== null ? mergeKeyedWithGaps(current, fresh, (s) => s.key, since) : fresh;
      return merged.map((s) => thinSeries(s, SEGMENT_POINTS));
    },
    structuralSharing: false,
  });
