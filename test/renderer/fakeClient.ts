import { methodNames, type StagegateClient } from '../../shared/contract.ts';
import type { PushEvent } from '../../shared/domain/events.ts';

/**
 * A client whose every method answers from `answers` (a value) or `raw` (a whole Result, for
 * errors), recording calls; pushes are sent by hand with `push`.
 */
export function fakeClient() {
  let listener: (e: PushEvent) => void = () => {};
  const calls: [string, Record<string, unknown>][] = [];
  const answers: Record<string, (input: never) => unknown> = {};
  const raw: Record<string, (input: never) => unknown> = {};
  const client = Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (input: Record<string, unknown>) => {
        calls.push([name, input]);
        const result = raw[name];
        if (result) return result(input as never);
        const answer = answers[name];
        return answer ? { ok: true, value: answer(input as never) } : { ok: false, error: { code: 'internal', message: `no answer for ${name}` } };
      },
    ]),
  ) as unknown as StagegateClient;
  client.subscribe = (l) => {
    listener = l;
    return () => (listener = () => {});
  };
  return { client, calls, answers, raw, push: (e: PushEvent) => listener(e) };
}
