import {
  cellKey,
  cohortVariables,
  durationSeconds,
  emptyCohortMessage,
  type Cohort,
  type MappingPreview,
  type MetricMapping,
  type MetricName,
  type MetricPreview,
  type SampleRow,
  type TemplateContext,
} from '../../../shared/index.ts';
import { COHORTS, fetchMetric, type RunCall } from './fetchMetric.ts';
import { SourceError, type MetricSourceClient } from './types.ts';

/** Intervals looked back over: enough to find the newest complete one whatever the scrape lag. */
const LOOKBACK_INTERVALS = 5;

const newestPerSegment = (rows: readonly SampleRow[], cohort: Cohort): SampleRow[] => {
  const newest = new Map<string, SampleRow>();
  for (const r of rows) {
    if (r.cohort !== cohort) continue;
    const key = cellKey(r.segment);
    const had = newest.get(key);
    if (!had || r.t > had.t) newest.set(key, r);
  }
  return [...newest.values()];
};

/**
 * Runs a mapping's queries now, for the plan editor's preview and the pre-flight: per metric and
 * cohort, the newest interval of each segment, and in words what is missing.
 */
export async function previewMapping(client: MetricSourceClient, run: RunCall, mapping: MetricMapping, ctx: Omit<TemplateContext, 'intervalSeconds'>, now: number): Promise<MappingPreview> {
  const stepSeconds = Math.max(durationSeconds(mapping.interval), client.limits.minStepSeconds, 1);
  const stepMs = stepSeconds * 1000;
  const windowEnd = Math.floor(now / stepMs) * stepMs;
  const windowStart = windowEnd - LOOKBACK_INTERVALS * stepMs;
  const full = { ...ctx, intervalSeconds: stepSeconds };
  const metrics = await Promise.all(
    (Object.keys(mapping.queries) as MetricName[]).map(async (metric): Promise<MetricPreview> => {
      try {
        const fetched = await fetchMetric(client, run, mapping, full, metric, { start: windowStart + stepMs, end: windowEnd, stepSeconds });
        const cohorts = COHORTS.map((cohort) => ({ cohort, series: fetched.seriesPerCohort[cohort], points: newestPerSegment(fetched.rows, cohort).slice(0, 500) }));
        const empty = cohorts.filter((c) => c.series === 0 || c.points.every((p) => p.value === null));
        if (empty.length === 0) {
          const segments = Math.max(...cohorts.map((c) => c.points.length));
          return { metric, ok: true, problem: null, message: `both cohorts answer: ${segments} segment${segments === 1 ? '' : 's'}`, cohorts };
        }
        const message = empty
          .map((c) => {
            const value = cohortVariables(mapping, full, c.cohort, (l, v) => `${l}=${v}`).cohortValue ?? '';
            return emptyCohortMessage(c.cohort, mapping.cohorts.label, value);
          })
          .join('; ');
        return { metric, ok: false, problem: null, message, cohorts };
      } catch (error) {
        const e = error instanceof SourceError ? error : new SourceError('unreachable', error instanceof Error ? error.message : String(error));
        return { metric, ok: false, problem: e.problem, message: e.message, cohorts: [] };
      }
    }),
  );
  return { at: now, windowStart, windowEnd, metrics };
}
