import type { CoreOptions } from '../../electron/core/core.ts';
import { openCore } from '../../electron/core/openCore.ts';
import { FakeClock } from './clock.ts';
import { tempDir } from './tmp.ts';

export const operator = { actor: 'alice', role: 'operator' as const };

/**
 * A core on a fresh data folder and a fake clock, without the guard, as an operator calls it:
 * `call` returns the value or throws with the error's code, `attempt` returns the Result. `db` is the
 * core's own connection, for tests of the repositories beneath the contract, and `vault` its secret
 * vault, for tests that open what it sealed (hosts never get either).
 */
export function operatorCore(options: Partial<CoreOptions> = {}) {
  const clock = new FakeClock();
  const { core, db, vault } = openCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true, guard: false, ...options });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await core.invoke(method, input, operator);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const attempt = (method: string, input: unknown) => core.invoke(method, input, operator);
  return { core, db, vault, clock, call, attempt };
}
