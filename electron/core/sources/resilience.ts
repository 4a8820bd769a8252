import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type CircuitBreakerPolicy,
  type FailureReason,
  type IBackoff,
  type IBackoffFactory,
  type IPolicy,
} from 'cockatiel';
import { clockUtc, type ConnectionProblem } from '../../../shared/index.ts';
import { SourceError } from './types.ts';

export interface SourceGuardOptions {
  /** Retries after the first try, for transient failures only. */
  retries?: number;
  /** The first backoff; later ones grow exponentially with decorrelated jitter up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A rate limit asking for a longer wait than this is not waited out inside one call: it fails and the circuit waits instead. */
  maxRetryAfterMs?: number;
  /** Consecutive failed calls (each after its retries) that open the circuit. */
  failuresToOpen?: number;
  /** How long an open circuit refuses calls before one trial call may pass (at least a rate limit's reset). */
  halfOpenAfterMs?: number;
  /** The clock the displayed times are read from. */
  now?: () => number;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** What a person sees of a connection's health: the breaker's state, since when, and the last failure. */
export interface CircuitView {
  state: CircuitStateName;
  openedAt: number | null;
  /** When an open circuit lets a trial call through. */
  retryAt: number | null;
  consecutiveFailures: number;
  lastError: { problem: ConnectionProblem; message: string; at: number } | null;
}

/** A call refused without trying: the connection failed too often in a row. Carries the last failure's problem. */
export class CircuitOpenError extends SourceError {
  readonly openedAt: number;
  readonly retryAt: number;

  constructor(problem: ConnectionProblem, message: string, openedAt: number, retryAt: number, now: number) {
    super(problem, message, Math.max(0, retryAt - now));
    this.name = 'CircuitOpenError';
    this.openedAt = openedAt;
    this.retryAt = retryAt;
  }
}

const DEFAULTS: Required<Omit<SourceGuardOptions, 'now'>> = {
  retries: 3,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  failuresToOpen: 5,
  halfOpenAfterMs: 30_000,
};

const errorOf = (reason: FailureReason<unknown> | undefined): unknown => (reason && 'error' in reason ? reason.error : undefined);
const waitAsked = (reason: FailureReason<unknown> | undefined): number => {
  const e = errorOf(reason);
  return e instanceof SourceError && e.retryAfterMs !== null ? e.retryAfterMs : 0;
};

/** A backoff that never waits less than the service asked for (Retry-After and the rate-limit reset headers). */
function honouringRetryAfter<C extends { result: FailureReason<unknown> }>(inner: IBackoffFactory<C>): IBackoffFactory<C> {
  return {
    next(context: C): IBackoff<C> {
      const step = inner.next(context);
      return { duration: Math.max(step.duration, waitAsked(context.result)), next: (c: C) => honouringRetryAfter(step).next(c) };
    },
  };
}

/** The breaker's wait before a trial: its own, or the rate limit's reset when that is later. */
function halfOpenBackoff(ms: number): IBackoffFactory<{ result: FailureReason<unknown> }> {
  return { next: (context) => ({ duration: Math.max(ms, waitAsked(context.result)), next: (c) => halfOpenBackoff(ms).next(c) }) };
}

interface Entry {
  policy: IPolicy;
  breaker: CircuitBreakerPolicy;
  view: CircuitView;
}

/**
 * Per connection, one policy: retries with exponential backoff and jitter on transient SourceErrors
 * (never a 400, 401, 403 or 404: trying again cannot fix a query or a key), inside a consecutive-failure
 * circuit breaker, so a dead Prometheus is asked once per `halfOpenAfterMs`, not once per metric.
 */
export class SourceGuard {
  private readonly options: Required<Omit<SourceGuardOptions, 'now'>>;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: SourceGuardOptions = {}) {
    const { now, ...rest } = options;
    this.options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    this.now = now ?? Date.now;
  }

  /** Runs `fn` under the connection's policy; `signal` aborts the call in flight and any retry. */
  async run<T>(connectionId: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const entry = this.entry(connectionId);
    try {
      return await entry.policy.execute(({ signal: s }) => fn(s), signal);
    } catch (err) {
      if (err instanceof BrokenCircuitError) {
        const v = entry.view;
        const last = v.lastError;
        const openedAt = v.openedAt ?? this.now();
        const retryAt = v.retryAt ?? openedAt + this.options.halfOpenAfterMs;
        throw new CircuitOpenError(
          last?.problem ?? 'unreachable',
          `Not asking again until ${new Date(retryAt).toISOString().slice(11, 19)} UTC after ${this.options.failuresToOpen} failures in a row since ${clockUtc(openedAt)}; last: ${last?.message ?? 'unknown'}`.slice(0, 1000),
          openedAt,
          retryAt,
          this.now(),
        );
      }
      throw err;
    }
  }

  state(connectionId: string): CircuitView {
    const entry = this.entries.get(connectionId);
    if (!entry) return { state: 'closed', openedAt: null, retryAt: null, consecutiveFailures: 0, lastError: null };
    return { ...entry.view, state: stateName(entry.breaker.state) };
  }

  /** Drops a connection's history (edited, removed): its next call starts closed. */
  forget(connectionId: string): void {
    this.entries.delete(connectionId);
  }

  private entry(connectionId: string): Entry {
    const existing = this.entries.get(connectionId);
    if (existing) return existing;
    const o = this.options;
    const transient = (e: unknown): boolean => e instanceof SourceError && e.transient;
    const retryPolicy = retry(
      handleWhen((e) => transient(e) && ((e as SourceError).retryAfterMs ?? 0) <= o.maxRetryAfterMs),
      { maxAttempts: o.retries, backoff: honouringRetryAfter(new ExponentialBackoff({ initialDelay: o.initialDelayMs, maxDelay: o.maxDelayMs })) },
    );
    const breaker = circuitBreaker(handleWhen(transient), { halfOpenAfter: halfOpenBackoff(o.halfOpenAfterMs), breaker: new ConsecutiveBreaker(o.failuresToOpen) });
    const view: CircuitView = { state: 'closed', openedAt: null, retryAt: null, consecutiveFailures: 0, lastError: null };
    breaker.onFailure(({ reason, handled }) => {
      const e = errorOf(reason as FailureReason<unknown>);
      if (!handled || !(e instanceof SourceError)) return;
      view.consecutiveFailures++;
      view.lastError = { problem: e.problem, message: e.message, at: this.now() };
    });
    breaker.onSuccess(() => {
      view.consecutiveFailures = 0;
    });
    breaker.onBreak((reason) => {
      const at = this.now();
      view.openedAt = at;
      view.retryAt = at + Math.max(o.halfOpenAfterMs, 'isolated' in reason ? 0 : waitAsked(reason));
    });
    breaker.onReset(() => {
      view.openedAt = null;
      view.retryAt = null;
      view.consecutiveFailures = 0;
    });
    // The breaker outside the retries: one call that failed after all its retries is one failure.
    const entry: Entry = { policy: wrap(breaker, retryPolicy), breaker, view };
    this.entries.set(connectionId, entry);
    return entry;
  }
}

function stateName(s: CircuitState): CircuitStateName {
  switch (s) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    default:
      return 'open';
  }
}
