import { z } from 'zod';
import type { ConnectionTest, RawSeries } from '../../../shared/index.ts';
import { runConnectionTest } from './connectionTest.ts';
import type { ErrorContext, ErrorVerdict } from './http.ts';
import { HttpSource, windowPoints, type WindowWords } from './httpSource.ts';
import type { FetchWindow, MetricSourceClient, SourceLimits } from './types.ts';

/** Prometheus refuses more than 11,000 points per series (APIS.md §3); its step may be as fine as 1 s. */
export const PROMETHEUS_LIMITS: SourceLimits = { maxPointsPerSeries: 11_000, minStepSeconds: 1 };

export type PrometheusAuth = { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

export interface PrometheusOptions {
  baseUrl: string;
  auth: PrometheusAuth;
  caPem?: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

const MAX_SERIES = 50_000;
const Labels = z.record(z.string(), z.string());
/** [float seconds, "value"]; values are strings and may be "NaN", "+Inf", "-Inf". */
const Sample = z.tuple([z.number(), z.string().max(64)]);
const MatrixResult = z.object({
  resultType: z.literal('matrix'),
  result: z
    .array(z.object({ metric: Labels, values: z.array(Sample).max(PROMETHEUS_LIMITS.maxPointsPerSeries + 1).optional(), histograms: z.array(z.unknown()).optional() }))
    .max(MAX_SERIES),
});
const VectorResult = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: Labels, value: Sample.optional(), histogram: z.unknown().optional() })).max(MAX_SERIES),
});
const ScalarResult = z.object({ resultType: z.literal('scalar'), result: Sample });
const Envelope = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.literal('success'), data, warnings: z.array(z.string()).max(1000).optional(), infos: z.array(z.string()).max(1000).optional() });
const RangeAnswer = Envelope(MatrixResult);
const InstantAnswer = Envelope(z.discriminatedUnion('resultType', [VectorResult, ScalarResult, MatrixResult]));
const BuildInfo = Envelope(z.object({ version: z.string().max(200), revision: z.string().max(200).optional() }));

const ErrorBody = z.object({ status: z.literal('error'), errorType: z.string().max(100).optional(), error: z.string().max(100_000).optional() });

/** A Prometheus value string as a number; NaN and ±Inf are no value (a 0/0 ratio, an empty denominator). */
export function promValue(v: string): number | null {
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const seconds = (ms: number): string => String(ms / 1000);

/** Label names Prometheus 2 accepts bare; anything else (a dot, a dash) needs Prometheus 3's quoted form. */
const PLAIN_LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** PromQL string escaping: backslash, double quote and line breaks. */
const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;

/** `label="value"`, for inside a selector's braces: `http_requests_total{app="x",$cohort}`. */
export function promCohortMatcher(label: string, value: string): string {
  return `${PLAIN_LABEL.test(label) ? label : quote(label)}=${quote(value)}`;
}

/** Prometheus' error types (APIS.md §3) as problems; the status alone would call a query timeout a server error. */
function prometheusVerdict(ctx: ErrorContext): ErrorVerdict | null {
  const parsed = ErrorBody.safeParse(ctx.body);
  if (!parsed.success) return null;
  const type = parsed.data.errorType ?? '';
  const said = ctx.said ?? type;
  const at = `Prometheus at ${ctx.where.address}`;
  switch (type) {
    case 'bad_data':
      return { problem: 'bad_request', message: `Prometheus refused the query (bad_data): ${said}` };
    case 'execution':
      return { problem: 'bad_request', message: `Prometheus could not run the query (execution): ${said}` };
    case 'not_acceptable':
      return { problem: 'bad_request', message: `Prometheus refused the request (not_acceptable): ${said}` };
    case 'timeout':
      return { problem: 'timeout', message: `${at} gave up on the query (timeout): narrow the range or simplify the query` };
    case 'canceled':
      return { problem: 'server_error', message: `${at} canceled the query: it may be shutting down; try again` };
    case 'internal':
      return { problem: 'server_error', message: `${at} failed inside (internal): ${said}` };
    case 'not_found':
      return { problem: 'not_found', message: `${at} has no such API (not_found): ${said}` };
    default:
      return null;
  }
}

const errorText = (body: unknown): string | null => {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? (parsed.data.error ?? null) : null;
};

/** A poll asks for a few points per series: below this many, compressing the answer costs both ends more than it saves. */
export const SMALL_RANGE_POINTS = 30;

/** The request headers of a range query: uncompressed for a poll's few points, the default (gzip) for a backfill. */
export function rangeHeaders(window: FetchWindow): Record<string, string> | undefined {
  return windowPoints(window) <= SMALL_RANGE_POINTS ? { 'accept-encoding': 'identity' } : undefined;
}

/** The auth header of each kind, and the values to scrub from messages (a password whose header is an encoding of it). */
function credentials(auth: PrometheusAuth): { headers: Record<string, string>; secrets: string[] } {
  if (auth.kind === 'bearer') return { headers: { authorization: `Bearer ${auth.token}` }, secrets: [auth.token] };
  if (auth.kind === 'basic') return { headers: { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` }, secrets: [auth.password] };
  return { headers: {}, secrets: [] };
}

/** Refused here rather than by Prometheus, so a backfill learns to split before it sends anything. */
const WINDOW_WORDS: WindowWords = {
  backwards: 'Prometheus query_range needs a start before its end',
  step: (s) => (!Number.isFinite(s) || s < PROMETHEUS_LIMITS.minStepSeconds ? `Prometheus query_range needs a step of at least ${PROMETHEUS_LIMITS.minStepSeconds} s (got ${s})` : null),
  tooMany: (points, step) => `That range is ${points} points per series at a ${step} s step; Prometheus allows ${PROMETHEUS_LIMITS.maxPointsPerSeries}: split the range or use a longer step`,
};

export class PrometheusClient extends HttpSource implements MetricSourceClient {
  readonly kind = 'prometheus' as const;
  readonly limits = PROMETHEUS_LIMITS;
  private readonly auth: PrometheusAuth['kind'];

  constructor(options: PrometheusOptions) {
    super({
      service: 'Prometheus',
      baseUrl: options.baseUrl,
      ...credentials(options.auth),
      caPem: options.caPem,
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      errorText,
    });
    this.auth = options.auth.kind;
  }

  cohortMatcher(label: string, value: string): string {
    return promCohortMatcher(label, value);
  }

  /** POST /api/v1/query_range (form-encoded): one point per step from start to end, epoch ms. */
  async queryRange(query: string, window: FetchWindow, _groupBy: readonly string[], signal?: AbortSignal): Promise<RawSeries[]> {
    // PromQL groups with its own "by (…)", so groupBy is already in the query.
    this.checkWindow(window, WINDOW_WORDS);
    const form = new URLSearchParams({ query, start: seconds(window.start), end: seconds(window.end), step: String(window.stepSeconds) });
    const { value } = await this.http.request({ method: 'POST', path: '/api/v1/query_range', form, schema: RangeAnswer, signal, headers: rangeHeaders(window) });
    return value.data.result.map((s) => ({
      labels: s.metric,
      points: (s.values ?? []).map(([t, v]): [number, number | null] => [Math.round(t * 1000), promValue(v)]),
    }));
  }

  /** POST /api/v1/query at one time (epoch ms): the preview's "what comes back now". */
  async query(query: string, at: number, signal?: AbortSignal): Promise<RawSeries[]> {
    const form = new URLSearchParams({ query, time: seconds(at) });
    const { value } = await this.http.request({ method: 'POST', path: '/api/v1/query', form, schema: InstantAnswer, signal });
    const data = value.data;
    const point = (s: [number, string]): [number, number | null] => [Math.round(s[0] * 1000), promValue(s[1])];
    switch (data.resultType) {
      case 'scalar':
        return [{ labels: {}, points: [point(data.result)] }];
      case 'vector':
        return data.result.map((s) => ({ labels: s.metric, points: s.value ? [point(s.value)] : [] }));
      case 'matrix':
        return data.result.map((s) => ({ labels: s.metric, points: (s.values ?? []).map(point) }));
    }
  }

  /** GET /api/v1/status/buildinfo: answers only when the address, the auth and the TLS are all right. */
  test(now: number): Promise<ConnectionTest> {
    return runConnectionTest(now, async () => {
      const { value } = await this.http.request({ method: 'GET', path: '/api/v1/status/buildinfo', schema: BuildInfo });
      return { message: `Connected to Prometheus ${value.data.version} at ${this.http.where.address}`, detail: `Prometheus ${value.data.version}` };
    });
  }

  protected verdict(ctx: ErrorContext): ErrorVerdict | null {
    return prometheusVerdict(ctx) ?? authVerdict(ctx, this.auth);
  }
}

/** Prometheus has no auth of its own: a 401/403 comes from the proxy in front of it, so the fix names what was sent. */
function authVerdict(ctx: ErrorContext, auth: PrometheusAuth['kind']): ErrorVerdict | null {
  const at = `Prometheus at ${ctx.where.address}`;
  if (ctx.status === 401) {
    const sent = auth === 'none' ? 'no credentials were sent: choose bearer or basic auth' : auth === 'bearer' ? 'check the bearer token' : 'check the user name and password';
    return { message: `${at} rejected the credentials (401): ${sent}` };
  }
  if (ctx.status === 403) return { message: `${at} refused access (403): the credentials are valid but not allowed to query` };
  if (ctx.status === 404) return { message: `${at} has no Prometheus API there (404): check the address and any path prefix (e.g. /prometheus)` };
  return null;
}
