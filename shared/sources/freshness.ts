import { z } from 'zod';
import { ConnectionProblem } from '../domain/connections.ts';
import { METRICS, MetricName } from '../domain/metrics.ts';
import { SOURCE_WORDS, SourceKind } from './kind.ts';

/** How fresh one metric of a release is, as the guard and the screens judge it. */
export const MetricFreshness = z.object({
  metric: MetricName,
  /** The end of the range fetched without a gap (connections only). */
  fetchedUntil: z.number().int().nullable(),
  /** The newest interval that carried a value. */
  lastSampleAt: z.number().int().nullable(),
  failingSince: z.number().int().nullable(),
  problem: ConnectionProblem.nullable(),
  /** The last failure's words, as the client put them (never a secret). */
  error: z.string().nullable(),
  stale: z.boolean(),
  /** Why it is stale, in a sentence; null when fresh. */
  why: z.string().nullable(),
});
export type MetricFreshness = z.infer<typeof MetricFreshness>;

/** A release's source and how fresh each of its metrics is. */
export const SourceStatus = z.object({
  kind: SourceKind,
  connectionId: z.string().nullable(),
  connectionName: z.string().nullable(),
  staleAfterMs: z.number().int().nullable(),
  metrics: z.array(MetricFreshness),
  stale: z.boolean(),
  lastSampleAt: z.number().int().nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

const PROBLEM_WORDS: Record<ConnectionProblem, string> = {
  unreachable: 'unreachable',
  tls: 'failing its TLS check',
  timeout: 'timing out',
  unauthorized: 'refusing the credentials (401)',
  forbidden: 'refusing access (403)',
  not_found: 'answering “not found” (404)',
  rate_limited: 'rate-limiting Stagegate (429)',
  bad_request: 'rejecting the query',
  server_error: 'failing (5xx)',
  bad_response: 'answering in a shape Stagegate does not understand',
  missing_secret: 'missing its credentials',
};

/** 18:02 UTC — the core has no time zone of its own; the screens show local times beside it. */
export const clockUtc = (t: number): string => `${new Date(t).toISOString().slice(11, 16)} UTC`;

const minutes = (ms: number): string => `${Math.max(1, Math.round(ms / 60_000))} min`;

export interface FetchFacts {
  fetchedUntil: number | null;
  lastSampleAt: number | null;
  failingSince: number | null;
  problem: ConnectionProblem | null;
  error: string | null;
}

/**
 * A metric is stale when its newest value is older than the limit (or there is none yet): the guard
 * treats it as no data, so it never promotes on it. `since` is when the stage started watching, so a
 * stage a minute old is not called stale for having nothing yet.
 */
export function freshnessOf(kind: SourceKind, metric: MetricName, facts: FetchFacts, staleAfterMs: number, since: number, now: number): MetricFreshness {
  const newest = facts.lastSampleAt;
  const age = now - (newest ?? since);
  const stale = age > staleAfterMs;
  let why: string | null = null;
  if (stale) {
    const last = newest === null ? 'no sample yet' : `last sample ${clockUtc(newest)}`;
    why =
      facts.failingSince !== null && facts.problem
        ? `${SOURCE_WORDS[kind]} ${PROBLEM_WORDS[facts.problem]} for ${minutes(now - facts.failingSince)}; ${last}`
        : `no new ${METRICS[metric].label.toLowerCase()} data from ${SOURCE_WORDS[kind]} for ${minutes(age)}; ${last}`;
  }
  return { metric, fetchedUntil: facts.fetchedUntil, lastSampleAt: newest, failingSince: facts.failingSince, problem: facts.problem, error: facts.error, stale, why };
}
