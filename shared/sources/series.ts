import { cellKey, MAX_LABEL_LENGTH, type Cohort, type MetricName, type Segment } from '../domain/metrics.ts';
import type { Dimension } from '../gates/types.ts';
import type { MetricMapping, MetricQuery } from './mapping.ts';

/** One series a provider returned: its labels, and points at interval ends (epoch ms; null = no value there). */
export interface RawSeries {
  labels: Record<string, string>;
  points: [t: number, value: number | null][];
}

/** What one cohort's pair of queries (events/trials or value/weight) brought back for one metric. */
export interface CohortResult {
  /** events (rates) or value */
  first: RawSeries[];
  /** trials (rates) or weight */
  second: RawSeries[];
}

export interface SampleRow {
  metric: MetricName;
  cohort: Cohort;
  segment: Segment;
  t: number;
  value: number | null;
  weight: number;
}

export const segmentOf = (labels: Record<string, string>, segments: MetricMapping['segments']): Segment => {
  const pick = (d: Dimension): string => {
    const label = segments[d];
    return label ? (labels[label] ?? '').slice(0, MAX_LABEL_LENGTH) : '';
  };
  return { region: pick('region'), device: pick('device'), tenant: pick('tenant') };
};


/** Per segment and time, the finite values of a set of series (series that land on one segment add up). */
function bySegment(series: readonly RawSeries[], segments: MetricMapping['segments']): Map<string, { segment: Segment; at: Map<number, number | null> }> {
  const out = new Map<string, { segment: Segment; at: Map<number, number | null> }>();
  for (const s of series) {
    const segment = segmentOf(s.labels, segments);
    const key = cellKey(segment);
    let entry = out.get(key);
    if (!entry) out.set(key, (entry = { segment, at: new Map() }));
    for (const [t, v] of s.points) {
      const finite = v !== null && Number.isFinite(v) ? v : null;
      const prev = entry.at.get(t);
      entry.at.set(t, prev === undefined || prev === null ? finite : finite === null ? prev : prev + finite);
    }
  }
  return out;
}

/**
 * Samples from one cohort's results. The second query (trials, weight) decides which segments and
 * times exist. For a rate, a segment or time the events query did not return is zero events, not
 * missing: PromQL returns nothing at all for a counter that never moved (APIS.md §3).
 */
export function samplesFromResult(metric: MetricName, cohort: Cohort, query: MetricQuery, result: CohortResult, segments: MetricMapping['segments']): SampleRow[] {
  const firsts = bySegment(result.first, segments);
  const rows: SampleRow[] = [];
  for (const [key, { segment, at }] of bySegment(result.second, segments)) {
    const first = firsts.get(key)?.at;
    for (const [t, second] of at) {
      const weight = second !== null && second > 0 ? second : 0;
      const raw = first?.get(t);
      let value: number | null;
      if ('events' in query) {
        const events = raw === undefined || raw === null ? 0 : raw;
        value = weight > 0 ? Math.min(100, Math.max(0, (100 * events) / weight)) : null;
      } else {
        value = raw === undefined || raw === null ? null : raw * query.scale;
      }
      rows.push({ metric, cohort, segment, t, value, weight });
    }
  }
  return rows.sort((a, b) => a.t - b.t);
}
