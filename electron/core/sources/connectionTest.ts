import type { ConnectionTest } from '../../../shared/index.ts';
import { SourceError } from './types.ts';

/** What a successful test call found out. */
export interface TestFinding {
  message: string;
  detail: string | null;
}

/**
 * Runs one cheap real call and turns its outcome into a ConnectionTest: ok with what the service said
 * about itself, or the problem and its plain sentence. Latency is the call's own, measured here.
 */
export async function runConnectionTest(now: number, call: () => Promise<TestFinding>): Promise<ConnectionTest> {
  const started = performance.now();
  try {
    const found = await call();
    const latencyMs = Math.max(0, Math.round(performance.now() - started));
    return { ok: true, at: now, problem: null, message: found.message.slice(0, 1000), detail: found.detail?.slice(0, 500) ?? null, latencyMs };
  } catch (err) {
    const e = err instanceof SourceError ? err : new SourceError('bad_response', `The test call failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
    // A refusal is still an answer, so its latency is worth showing; no answer at all has none.
    const answered = e.status !== null;
    return { ok: false, at: now, problem: e.problem, message: e.message.slice(0, 1000), detail: null, latencyMs: answered ? Math.max(0, Math.round(performance.now() - started)) : null };
  }
}
