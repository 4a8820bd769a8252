import { z } from 'zod';
import type { ConnectionTest, RawSeries } from '../../../shared/index.ts';
import { runConnectionTest } from './connectionTest.ts';
import type { ErrorContext, ErrorVerdict } from './http.ts';
import { HttpSource, limitResets, type WindowWords } from './httpSource.ts';
import type { FetchWindow, MetricSourceClient, SourceLimits } from './types.ts';

/**
 * UNCONFIRMED (APIS.md §4 gives no limits): the v2 `interval` "may be overridden by a larger interval if
 * the query would result in too many points" (datadog-api-client's openapi), so the cap is not a refusal
 * but a coarsening. 1,500 points per series and a 60 s step keep every request well inside what
 * Datadog answers at the asked resolution; the points are placed by the `times` Datadog sends back.
 */
export const DATADOG_LIMITS: SourceLimits = { maxPointsPerSeries: 1500, minStepSeconds: 60 };

export interface DatadogOptions {
  site: string;
  apiKey: string;
  appKey: string;
  /** Replaces https://api.{site} (tests, a proxy). */
  baseUrl?: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

const MAX_SERIES = 10_000;
const MAX_TIMES = 100_000;
const Series = z.object({ group_tags: z.array(z.string().max(1000)).max(100).nullish(), query_index: z.number().int().nullish(), unit: z.unknown().optional() });
const Answer = z.object({
  data: z
    .object({
      type: z.literal('timeseries_response').optional(),
      attributes: z
        .object({
          series: z.array(Series).max(MAX_SERIES).nullish(),
          times: z.array(z.number()).max(MAX_TIMES).nullish(),
          values: z.array(z.array(z.number().nullable()).max(MAX_TIMES)).max(MAX_SERIES).nullish(),
        })
        .optional(),
    })
    .optional(),
  /** A query that partly failed answers 200 with this (TimeseriesFormulaQueryResponse.errors). */
  errors: z.string().max(10_000).nullish(),
});
const ErrorBody = z.object({ errors: z.array(z.string().max(10_000)).max(100) });

const errorText = (body: unknown): string | null => {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success && parsed.data.errors.length ? parsed.data.errors.join('; ') : null;
};

/** Datadog tag values with characters outside its tag alphabet are quoted (UNCONFIRMED: the scope syntax for them). */
const TAG_VALUE = /^[A-Za-z0-9_.:/@-]+$/;

/** `label:value`, for inside a scope: `sum:trace.http.request.errors{service:checkout,$cohort}`. */
export function datadogCohortMatcher(label: string, value: string): string {
  return TAG_VALUE.test(value) ? `${label}:${value}` : `${label}:"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** "k:v" group tags as labels; a bare tag is a label with an empty value. */
export function labelsOfGroupTags(tags: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of tags) {
    const i = tag.indexOf(':');
    if (i < 0) labels[tag] = '';
    else labels[tag.slice(0, i)] = tag.slice(i + 1);
  }
  return labels;
}

const WINDOW_WORDS: WindowWords = {
  backwards: 'A Datadog query needs a start before its end',
  step: (s) => (!Number.isFinite(s) || s < DATADOG_LIMITS.minStepSeconds ? `Datadog queries here use a step of at least ${DATADOG_LIMITS.minStepSeconds} s (got ${s})` : null),
  tooMany: (points) => `That range is ${points} points per series; Datadog queries here take at most ${DATADOG_LIMITS.maxPointsPerSeries}: split the range`,
};

export class DatadogClient extends HttpSource implements MetricSourceClient {
  readonly kind = 'datadog' as const;
  readonly limits = DATADOG_LIMITS;
  private readonly site: string;

  constructor(options: DatadogOptions) {
    super({
      service: 'Datadog',
      baseUrl: options.baseUrl ?? `https://api.${options.site}`,
      headers: { 'DD-API-KEY': options.apiKey, 'DD-APPLICATION-KEY': options.appKey },
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      errorText,
    });
    this.site = options.site;
  }

  cohortMatcher(label: string, value: string): string {
    return datadogCohortMatcher(label, value);
  }

  /**
   * POST /api/v2/query/timeseries. `values[i]` belongs to `series[i]`, point j at `times[j]`. Datadog stamps a
   * rollup bucket with its start (UNCONFIRMED in APIS.md); a point is placed at the bucket's end, as every
   * source here reports interval ends. `groupBy` is the query's own `by {…}`.
   */
  async queryRange(query: string, window: FetchWindow, _groupBy: readonly string[], signal?: AbortSignal): Promise<RawSeries[]> {
    this.checkWindow(window, WINDOW_WORDS);
    const stepMs = window.stepSeconds * 1000;
    // `from` is inclusive and `to` exclusive: the bucket ending at window.start starts one step before it.
    const series = await this.timeseries(query, window.start - stepMs, window.end, stepMs, signal);
    return series.map((s) => ({ labels: s.labels, points: s.points.filter(([t]) => t >= window.start && t <= window.end) }));
  }

  /** A tiny real query: the keys, the site and the application key's scope all have to be right for it to answer. */
  test(now: number): Promise<ConnectionTest> {
    return runConnectionTest(now, async () => {
      const series = await this.timeseries('avg:datadog.estimated_usage.hosts{*}', now - 10 * 60_000, now, 60_000);
      return { message: `Connected to Datadog (${this.site}); the keys can query metrics`, detail: `Datadog ${this.site}, ${series.length} series in the test query` };
    });
  }

  private async timeseries(query: string, from: number, to: number, intervalMs: number, signal?: AbortSignal): Promise<RawSeries[]> {
    const json = {
      data: {
        type: 'timeseries_request',
        attributes: { from: Math.floor(from), to: Math.ceil(to), interval: intervalMs, queries: [{ data_source: 'metrics', name: 'a', query }], formulas: [{ formula: 'a' }] },
      },
    };
    const { value } = await this.http.request({ method: 'POST', path: '/api/v2/query/timeseries', json, schema: Answer, signal });
    const attrs = value.data?.attributes;
    const series = attrs?.series ?? [];
    const times = attrs?.times ?? [];
    const values = attrs?.values ?? [];
    if (value.errors && series.length === 0) throw this.http.fail('bad_request', `Datadog refused the query: ${value.errors.slice(0, 400)}`, null, 200);
    if (values.length !== series.length || values.some((v) => v.length !== times.length)) {
      throw this.http.fail('bad_response', `Datadog answered series, times and values that do not line up (${series.length} series, ${values.length} value arrays, ${times.length} times)`, null, 200);
    }
    const bucket = bucketWidth(times, intervalMs);
    return series.map((s, i) => ({
      labels: labelsOfGroupTags(s.group_tags ?? []),
      points: times.map((t, j): [number, number | null] => [t + bucket, values[i]![j] ?? null]),
    }));
  }

  protected verdict(ctx: ErrorContext): ErrorVerdict | null {
    const said = ctx.said ? `: ${ctx.said}` : '';
    if (ctx.status === 403 || ctx.status === 401) {
      return {
        message: `Datadog rejected the API key or application key (${ctx.status}): check both keys and the site; this connection uses ${this.site}, and keys of another site (datadoghq.eu keys do not work on datadoghq.com) are refused`,
      };
    }
    if (ctx.status === 400) return { message: `Datadog refused the query (400)${said}` };
    if (ctx.status === 429) {
      return { message: `Datadog is rate-limiting these keys (429): ${limitResets(ctx.retryAfterMs)}` };
    }
    return null;
  }
}

/** The width of Datadog's buckets: the spacing of `times` (Datadog may pick a coarser interval than asked), else the asked one. */
function bucketWidth(times: readonly number[], askedMs: number): number {
  let width = Infinity;
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    if (d > 0 && d < width) width = d;
  }
  return Number.isFinite(width) ? width : askedMs;
}
