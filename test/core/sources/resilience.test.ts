import { describe, expect, it } from 'vitest';
import { CircuitOpenError, SourceGuard } from '../../../electron/core/sources/resilience.ts';
import { SourceError } from '../../../electron/core/sources/types.ts';
import type { ConnectionProblem } from '../../../shared/index.ts';

/** Tiny delays so the policy's timing runs in milliseconds. */
const fast = { initialDelayMs: 1, maxDelayMs: 5, halfOpenAfterMs: 60 };

/** A call that fails with the given problems in turn, then answers "ok"; counts its calls. */
function script(...failures: (ConnectionProblem | SourceError)[]) {
  const calls = { n: 0 };
  const fn = async (): Promise<string> => {
    const next = failures[calls.n++];
    if (next === undefined) return 'ok';
    throw next instanceof SourceError ? next : new SourceError(next, `failed: ${next}`);
  };
  return { fn, calls };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err;
}

describe('SourceGuard', () => {
  it('retries transient failures and answers when one try succeeds', async () => {
    const guard = new SourceGuard({ ...fast, retries: 3 });
    const s = script('unreachable', 'server_error', 'timeout');
    expect(await guard.run('prom', s.fn)).toBe('ok');
    expect(s.calls.n).toBe(4);
    expect(guard.state('prom')).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('gives up after its retries with the last failure', async () => {
    const guard = new SourceGuard({ ...fast, retries: 2 });
    const s = script('unreachable', 'unreachable', new SourceError('server_error', 'the last one', null, 502), 'unreachable');
    const err = (await rejection(guard.run('prom', s.fn))) as SourceError;
    expect([err.problem, err.message, s.calls.n]).toEqual(['server_error', 'the last one', 3]);
  });

  it('never retries what trying again cannot fix, and those do not open the circuit', async () => {
    const guard = new SourceGuard({ ...fast, retries: 3, failuresToOpen: 2 });
    for (const problem of ['forbidden', 'unauthorized', 'bad_request', 'not_found', 'missing_secret', 'forbidden', 'forbidden'] as const) {
      const s = script(problem);
      const err = (await rejection(guard.run('dd', s.fn))) as SourceError;
      expect([err.problem, s.calls.n]).toEqual([problem, 1]);
    }
    expect(guard.state('dd')).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('waits at least what a rate limit asks before the retry, and fails at once when it asks too much', async () => {
    const guard = new SourceGuard({ ...fast, retries: 2, maxRetryAfterMs: 1000 });
    const s = script(new SourceError('rate_limited', 'slow down', 150, 429));
    const started = performance.now();
    expect(await guard.run('sentry', s.fn)).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(s.calls.n).toBe(2);
    const long = script(new SourceError('rate_limited', 'come back in an hour', 3_600_000, 429));
    const err = (await rejection(guard.run('sentry', long.fn))) as SourceError;
    expect([err.problem, long.calls.n]).toEqual(['rate_limited', 1]);
  });

  it('opens after N failed calls in a row, refuses without calling, half-opens after the wait and closes on success', async () => {
    let now = 1_000_000;
    const guard = new SourceGuard({ ...fast, retries: 0, failuresToOpen: 3, now: () => now });
    for (let i = 0; i < 3; i++) await rejection(guard.run('prom', script('unreachable').fn));
    const open = guard.state('prom');
    expect(open).toMatchObject({ state: 'open', openedAt: 1_000_000, retryAt: 1_000_060, consecutiveFailures: 3, lastError: { problem: 'unreachable', message: 'failed: unreachable', at: 1_000_000 } });

    const refused = script();
    const err = await rejection(guard.run('prom', refused.fn));
    expect(err).toBeInstanceOf(CircuitOpenError);
    expect([(err as CircuitOpenError).problem, (err as CircuitOpenError).transient, refused.calls.n]).toEqual(['unreachable', true, 0]);
    expect((err as CircuitOpenError).message).toContain('after 3 failures in a row');
    expect((err as CircuitOpenError).message).toContain('last: failed: unreachable');
    // Another connection is not held back by this one.
    expect(await guard.run('other', script().fn)).toBe('ok');

    // The breaker's own wait runs on the real clock.
    const opened = Date.now();
    await expect.poll(() => Date.now() - opened >= fast.halfOpenAfterMs, { interval: 10 }).toBe(true);
    now += 60;
    let during = '';
    expect(
      await guard.run('prom', async () => {
        during = guard.state('prom').state;
        return 'ok';
      }),
    ).toBe('ok');
    expect(during).toBe('half-open');
    expect(guard.state('prom')).toMatchObject({ state: 'closed', openedAt: null, retryAt: null, consecutiveFailures: 0 });
  });

  it('opens again when the half-open trial fails, and waits out a rate limit’s reset before the next trial', async () => {
    let now = 5_000_000;
    const guard = new SourceGuard({ ...fast, retries: 0, failuresToOpen: 1, maxRetryAfterMs: 0, now: () => now });
    await rejection(guard.run('dd', script(new SourceError('rate_limited', 'limited', 500, 429)).fn));
    expect(guard.state('dd')).toMatchObject({ state: 'open', openedAt: 5_000_000, retryAt: 5_000_500 });
    // Past the breaker's own wait but not the reset: still refused.
    const opened = Date.now();
    await expect.poll(() => Date.now() - opened >= fast.halfOpenAfterMs + 20, { interval: 10 }).toBe(true);
    expect(await rejection(guard.run('dd', script().fn))).toBeInstanceOf(CircuitOpenError);
    await expect.poll(() => Date.now() - opened >= 520, { interval: 10, timeout: 3000 }).toBe(true);
    now += 1000;
    const trial = script('unreachable');
    const err = await rejection(guard.run('dd', trial.fn));
    expect(err).not.toBeInstanceOf(CircuitOpenError);
    expect(trial.calls.n).toBe(1);
    expect(guard.state('dd')).toMatchObject({ state: 'open', openedAt: 5_001_000, lastError: { problem: 'unreachable' } });
  });

  it('forgets a connection’s history', async () => {
    const guard = new SourceGuard({ ...fast, retries: 0, failuresToOpen: 1 });
    await rejection(guard.run('prom', script('timeout').fn));
    expect(guard.state('prom').state).toBe('open');
    guard.forget('prom');
    expect(guard.state('prom').state).toBe('closed');
    expect(await guard.run('prom', script().fn)).toBe('ok');
  });

  it('hands the call a signal that the caller’s abort reaches', async () => {
    const guard = new SourceGuard(fast);
    const controller = new AbortController();
    let seen: AbortSignal | null = null;
    const call = guard.run(
      'prom',
      (signal) =>
        new Promise<string>((_resolve, reject) => {
          seen = signal;
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
      controller.signal,
    );
    controller.abort(new Error('stopped'));
    await expect(call).rejects.toThrow('stopped');
    expect(seen!.aborted).toBe(true);
  });
});
