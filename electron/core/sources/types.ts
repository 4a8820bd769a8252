import type { ConnectionKind, ConnectionProblem, ConnectionTest, RawSeries } from '../../../shared/index.ts';

/** A time range to read, epoch ms, at a step in seconds; points are at interval ends. */
export interface FetchWindow {
  start: number;
  end: number;
  stepSeconds: number;
}

/** What a provider allows in one request (APIS.md): backfills are cut into pieces that fit. */
export interface SourceLimits {
  maxPointsPerSeries: number;
  minStepSeconds: number;
}

/**
 * One connection's metrics API. The simulator and push (`ingestSamples`) are the other sources; they
 * write samples themselves and need no client.
 */
export interface MetricSourceClient {
  readonly kind: ConnectionKind;
  readonly limits: SourceLimits;
  /** A label matcher in the provider's query syntax, for `$cohort`. */
  cohortMatcher(label: string, value: string): string;
  /**
   * Runs one query over the window. `groupBy` names the result labels wanted as segments (providers
   * whose query language has no "by" clause of its own, such as Sentry, group by them).
   */
  queryRange(query: string, window: FetchWindow, groupBy: readonly string[], signal?: AbortSignal): Promise<RawSeries[]>;
  /** One cheap real call; the answer says plainly what is wrong. */
  test(now: number): Promise<ConnectionTest>;
  /** Lets go of its sockets: the client was replaced (its connection edited) or was made for one test. */
  close?(): Promise<void>;
}

/** A failed call, classified; the message names no secret. `retryAfterMs` from rate-limit headers when the service sent them. */
export class SourceError extends Error {
  readonly problem: ConnectionProblem;
  readonly retryAfterMs: number | null;
  readonly status: number | null;

  constructor(problem: ConnectionProblem, message: string, retryAfterMs: number | null = null, status: number | null = null) {
    super(message);
    this.name = 'SourceError';
    this.problem = problem;
    this.retryAfterMs = retryAfterMs;
    this.status = status;
  }

  /** Worth trying again later: the network, the service's load or its rate limit, not a wrong key or query. */
  get transient(): boolean {
    return this.problem === 'unreachable' || this.problem === 'timeout' || this.problem === 'rate_limited' || this.problem === 'server_error';
  }
}
