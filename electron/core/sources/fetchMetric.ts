import {
  cohortVariables,
  METRICS,
  promqlOverlapProblem,
  renderTemplate,
  samplesFromResult,
  type Cohort,
  type MetricMapping,
  type MetricName,
  type MetricQuery,
  type RawSeries,
  type SampleRow,
  type TemplateContext,
} from '../../../shared/index.ts';
import { SourceError, type FetchWindow, type MetricSourceClient } from './types.ts';

export const COHORTS: readonly Cohort[] = ['canary', 'baseline'];

/** Runs one provider call under the connection's retry and circuit-breaker policy. */
export type RunCall = <T>(connectionId: string, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

export interface MetricFetch {
  rows: SampleRow[];
  /** Series each cohort's second query (trials, weight) returned: 0 means the cohort has no metrics at all. */
  seriesPerCohort: Record<Cohort, number>;
  requests: number;
}

/** The two queries of one metric, in the order a CohortResult holds them. */
export const queriesOf = (mapping: MetricMapping, metric: MetricName): [string, string] => {
  const q = mapping.queries[metric];
  if (!q) throw new SourceError('bad_request', `${metric} has no query in the metric mapping.`);
  return 'events' in q ? [q.events, q.trials] : [q.value, q.weight];
};

/** Verdicts on texts already checked: a poll cycle sends the same few hundred queries every minute, and reading their ranges again each time showed in its profile (about 1 ms a cycle of 320 requests). */
const overlapVerdicts = new Map<string, string | null>();
const MAX_OVERLAP_VERDICTS = 4096;

function overlapProblem(what: string, text: string, stepSeconds: number): string | null {
  const key = `${stepSeconds}\u0000${what}\u0000${text}`;
  let verdict = overlapVerdicts.get(key);
  if (verdict === undefined) {
    if (overlapVerdicts.size >= MAX_OVERLAP_VERDICTS) overlapVerdicts.clear();
    verdict = promqlOverlapProblem(what, text, stepSeconds);
    overlapVerdicts.set(key, verdict);
  }
  return verdict;
}

/** Windows longer than the step count each request in several intervals: refused before any call, in the preview and the poller alike. */
function refuseOverlap(metric: MetricName, query: MetricQuery, rendered: readonly string[], stepSeconds: number): void {
  const parts = 'events' in query ? ['events', 'trials'] : ['value', 'weight'];
  rendered.forEach((text, i) => {
    const problem = overlapProblem(`${METRICS[metric].label.toLowerCase()} ${parts[i]}`, text, stepSeconds);
    if (problem) throw new SourceError('bad_request', problem);
  });
}

/**
 * One mapped metric over one window, both cohorts: four queries (events/trials or value/weight per
 * cohort) filled from the release's variables, run concurrently, read back as samples.
 */
export async function fetchMetric(client: MetricSourceClient, run: RunCall, mapping: MetricMapping, ctx: TemplateContext, metric: MetricName, window: FetchWindow, signal?: AbortSignal): Promise<MetricFetch> {
  const query = mapping.queries[metric];
  if (!query) throw new SourceError('bad_request', `${metric} has no query in the metric mapping.`);
  const groupBy = Object.values(mapping.segments);
  const texts = queriesOf(mapping, metric);
  let requests = 0;
  const perCohort = await Promise.all(
    COHORTS.map(async (cohort) => {
      const vars = cohortVariables(mapping, ctx, cohort, (label, value) => client.cohortMatcher(label, value));
      const rendered = texts.map((text) => {
        const r = renderTemplate(text, vars);
        if (!r.ok) throw new SourceError('bad_request', `The ${metric} query uses ${r.unknown.join(', ')}, which Stagegate does not know.`);
        return r.text;
      });
      if (client.kind === 'prometheus') refuseOverlap(metric, query, rendered, window.stepSeconds);
      const call = (q: string): Promise<RawSeries[]> => {
        requests += 1;
        // The policy's own signal is never aborted here (no outer signal reaches it), so only the caller's is passed.
        return run(mapping.connection, () => client.queryRange(q, window, groupBy, signal));
      };
      const [first, second] = await Promise.all([call(rendered[0]!), call(rendered[1]!)]);
      return { cohort, rows: samplesFromResult(metric, cohort, query, { first, second }, mapping.segments), series: second.length };
    }),
  );
  return {
    rows: perCohort.flatMap((c) => c.rows),
    seriesPerCohort: { canary: perCohort[0]!.series, baseline: perCohort[1]!.series },
    requests,
  };
}
