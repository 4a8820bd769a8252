import { z } from 'zod';
import type { ConnectionTest, RawSeries } from '../../../shared/index.ts';
import { runConnectionTest } from './connectionTest.ts';
import type { ErrorContext, ErrorVerdict } from './http.ts';
import { HttpSource, limitResets, type WindowWords } from './httpSource.ts';
import { parseSentryQuery } from './sentryQuery.ts';
import type { FetchWindow, MetricSourceClient, SourceLimits } from './types.ts';

/** Sentry's sessions API: intervals of at least an hour, at most 10,000 points (APIS.md §7). */
export const SENTRY_LIMITS: SourceLimits = { maxPointsPerSeries: 10_000, minStepSeconds: 3600 };

const HOUR_S = 3600;
const DAY_S = 86_400;

export interface SentryOptions {
  baseUrl: string;
  organization: string;
  /** Numeric project ids; empty reads every project the token sees (-1). */
  projects: readonly string[];
  environment?: string;
  authToken: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

const MAX_GROUPS = 10_000;
const Answer = z.object({
  start: z.string().max(64).optional(),
  end: z.string().max(64).optional(),
  intervals: z.array(z.string().max(64)).max(SENTRY_LIMITS.maxPointsPerSeries + 2),
  groups: z
    .array(
      z.object({
        // Project ids come back as numbers.
        by: z.record(z.string(), z.union([z.string().max(500), z.number()])),
        totals: z.record(z.string(), z.number().nullable()).optional(),
        series: z.record(z.string(), z.array(z.number().nullable()).max(SENTRY_LIMITS.maxPointsPerSeries + 2)).optional(),
      }),
    )
    .max(MAX_GROUPS),
  query: z.string().optional(),
});
const ErrorBody = z.object({ detail: z.string().max(10_000) });

const errorText = (body: unknown): string | null => {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? parsed.data.detail : null;
};

/** Sentry search syntax: `label:"value"`, quoted so a version with spaces or colons stays one term. */
export function sentryCohortMatcher(label: string, value: string): string {
  return `${label}:"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sentry's own interval rules (sentry/snuba/sessions.py), checked before the call so the message says what to pick. */
const WINDOW_WORDS: WindowWords = {
  backwards: 'A Sentry sessions query needs a start before its end',
  step: (s) =>
    !Number.isFinite(s) || s < HOUR_S || s % HOUR_S !== 0 || s > DAY_S || DAY_S % s !== 0
      ? `Sentry sessions need an interval of whole hours that divides a day (1h, 2h, 3h, 4h, 6h, 8h, 12h or 24h); got ${s} s`
      : null,
  tooMany: (points) => `That range is ${points} intervals; Sentry answers at most ${SENTRY_LIMITS.maxPointsPerSeries}: split the range or use a longer interval`,
};

export class SentryClient extends HttpSource implements MetricSourceClient {
  readonly kind = 'sentry' as const;
  readonly limits = SENTRY_LIMITS;
  private readonly options: SentryOptions;

  constructor(options: SentryOptions) {
    super({
      service: 'Sentry',
      baseUrl: options.baseUrl,
      headers: { authorization: `Bearer ${options.authToken}` },
      // The header's value is scrubbed from messages; the bare token too.
      secrets: [options.authToken],
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      errorText,
    });
    this.options = options;
  }

  cohortMatcher(label: string, value: string): string {
    return sentryCohortMatcher(label, value);
  }

  /**
   * GET /api/0/organizations/{org}/sessions/ for one field (see sentryQuery.ts), grouped by `groupBy`.
   * Sentry's `intervals` are bucket starts; a point is placed at its bucket's end, like every source here.
   */
  async queryRange(query: string, window: FetchWindow, groupBy: readonly string[], signal?: AbortSignal): Promise<RawSeries[]> {
    const parsed = parseSentryQuery(query);
    if (!parsed.ok) throw this.http.fail('bad_request', parsed.message);
    this.checkWindow(window, WINDOW_WORDS);
    const stepMs = window.stepSeconds * 1000;
    const { field, search } = parsed.query;
    // The bucket ending at window.start starts a step before it; Sentry counts an explicit end as inclusive
    // (it adds a second, then rounds up to the interval), so a second less keeps a bucket from starting at the end.
    const params = this.params(field, search, window.start - stepMs, window.end - 1000, window.stepSeconds, groupBy);
    const { value } = await this.http.request({ method: 'GET', path: this.path(), query: params, schema: Answer, signal });
    const starts = value.intervals.map((s) => Date.parse(s));
    if (starts.some((t) => !Number.isFinite(t))) throw this.http.fail('bad_response', 'Sentry answered intervals that are not dates', null, 200);
    return value.groups.map((g) => {
      const series = g.series?.[field];
      if (!series || series.length !== starts.length) {
        throw this.http.fail('bad_response', `Sentry answered a group without a "${field}" series aligned with its intervals`, null, 200);
      }
      const labels = Object.fromEntries(Object.entries(g.by).map(([k, v]) => [k, String(v)]));
      const points = starts.map((t, i): [number, number | null] => [t + stepMs, series[i] ?? null]).filter(([t]) => t >= window.start && t <= window.end);
      return { labels, points };
    });
  }

  /** A tiny sessions query over the last hour: the token, the organization and the projects all have to be right. */
  test(now: number): Promise<ConnectionTest> {
    return runConnectionTest(now, async () => {
      const params = this.params('sum(session)', '', now - HOUR_S * 1000, now, HOUR_S, []);
      const { value } = await this.http.request({ method: 'GET', path: this.path(), query: params, schema: Answer });
      const sessions = value.groups.reduce((n, g) => n + (g.series?.['sum(session)'] ?? []).reduce<number>((a, v) => a + (v ?? 0), 0), 0);
      return {
        message: `Connected to Sentry organization "${this.options.organization}" at ${this.http.where.address}`,
        detail: `${sessions} sessions in the last hour`,
      };
    });
  }

  private path(): string {
    return `/api/0/organizations/${encodeURIComponent(this.options.organization)}/sessions/`;
  }

  private params(field: string, search: string, start: number, end: number, stepSeconds: number, groupBy: readonly string[]): URLSearchParams {
    const p = new URLSearchParams();
    p.append('field', field);
    p.set('start', iso(start));
    p.set('end', iso(end));
    p.set('interval', `${stepSeconds / HOUR_S}h`);
    for (const project of this.options.projects.length ? this.options.projects : ['-1']) p.append('project', project);
    if (this.options.environment) p.append('environment', this.options.environment);
    for (const g of groupBy) p.append('groupBy', g);
    if (search) p.set('query', search);
    p.set('includeTotals', '0');
    return p;
  }

  protected verdict(ctx: ErrorContext): ErrorVerdict | null {
    const org = this.options.organization;
    const said = ctx.said ? ` (Sentry said: ${ctx.said})` : '';
    switch (ctx.status) {
      case 401:
        return { message: `Sentry rejected the auth token (401): check it, and that it has not been revoked or expired${said}` };
      case 403:
        // UNCONFIRMED: which scope the sessions endpoint wants; org:read is what Sentry's org endpoints ask.
        return { message: `Sentry refused this token access to organization "${org}" or its projects (403): check the token’s scopes (org:read) and the project ids${said}` };
      case 404:
        return { message: `Sentry has no organization "${org}" for this token (404): check the organization slug and the base URL` };
      case 400:
        return { message: `Sentry refused the query (400)${ctx.said ? `: ${ctx.said}` : ''}` };
      case 429:
        return { message: `Sentry is rate-limiting this token (429): ${limitResets(ctx.retryAfterMs)}` };
      default:
        return null;
    }
  }
}
