import { mergeGaps } from '../../../shared/charts/gaps.ts';
import type { MetricSeries, SeriesGap, SeriesPoint } from '../../../shared/domain/metrics.ts';

/** The window the host answers by default; the charts keep the same span as points arrive. */
export const SERIES_WINDOW_MS = 60 * 60 * 1000;

export function lastPointTime(series: readonly { points: readonly SeriesPoint[] }[]): number | null {
  let last: number | null = null;
  for (const s of series) {
    const t = s.points.at(-1)?.t;
    if (t !== undefined && (last === null || t > last)) last = t;
  }
  return last;
}

/**
 * Merges an answer fetched with `sinceMs` into what is shown, series matched by `keyOf`: points at or
 * after `sinceMs` are replaced (the last bucket may have grown), then anything older than the window
 * is dropped. Series the answer left out are kept as they were (the same object).
 */
export function mergeKeyed<T extends { points: SeriesPoint[] }>(current: readonly T[], fresh: readonly T[], keyOf: (s: T) => string, sinceMs: number, windowMs = SERIES_WINDOW_MS): T[] {
  const byKey = new Map(fresh.map((s) => [keyOf(s), s]));
  const merged = current.map((s) => {
    const update = byKey.get(keyOf(s));
    byKey.delete(keyOf(s));
    if (!update) return s;
    return { ...s, points: [...s.points.filter((p) => p.t < sinceMs), ...update.points] };
  });
  merged.push(...byKey.values());
  const end = lastPointTime(merged);
  if (end === null) return merged;
  const start = end - windowMs;
  return merged.map((s) => (s.points.length && s.points[0]!.t < start ? { ...s, points: s.points.filter((p) => p.t >= start) } : s));
}

/** mergeKeyed, with each series' gaps: those the answer found again replace those shown past `sinceMs`. */
export function mergeKeyedWithGaps<T extends { points: SeriesPoint[]; gaps?: SeriesGap[] | undefined }>(
  current: readonly T[],
  fresh: readonly T[],
  keyOf: (s: T) => string,
  sinceMs: number,
  windowMs = SERIES_WINDOW_MS,
): T[] {
  const freshGaps = new Map(fresh.map((s) => [keyOf(s), s.gaps ?? []]));
  const shownGaps = new Map(current.map((s) => [keyOf(s), s.gaps ?? []]));
  return mergeKeyed(current, fresh, keyOf, sinceMs, windowMs).map((s) => {
    const update = freshGaps.get(keyOf(s));
    if (!update) return s;
    const start = s.points[0]?.t ?? Number.NEGATIVE_INFINITY;
    return { ...s, gaps: mergeGaps(shownGaps.get(keyOf(s)) ?? [], update, sinceMs, start) };
  });
}

/** The same for a release's metrics, series matched by metric. */
export const mergeSeries = (current: readonly MetricSeries[], fresh: readonly MetricSeries[], sinceMs: number, windowMs = SERIES_WINDOW_MS): MetricSeries[] =>
  mergeKeyedWithGaps(current, fresh, (s) => s.metric, sinceMs, windowMs);
