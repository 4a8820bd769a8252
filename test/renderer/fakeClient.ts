import type { z } from 'zod';
import { contract, methodNames, type Contract, type Input, type MethodName, type Output, type StagegateClient } from '../../shared/contract.ts';
import type { PushEvent } from '../../shared/domain/events.ts';
import { AppError, issuesFrom, type Result } from '../../shared/result.ts';

/** What a fake answer may be: anything the method's output schema accepts (it is parsed, as the host's answer would be). */
type Answer<M extends MethodName> = (input: Input<M>) => z.input<Contract[M]['output']>;
type RawResult<M extends MethodName> = { ok: true; value: z.input<Contract[M]['output']> } | { ok: false; error: z.input<typeof AppError> };
type RawAnswer<M extends MethodName> = (input: Input<M>) => RawResult<M> | Promise<RawResult<M>>;

export interface Call {
  method: MethodName;
  input: unknown;
}

/**
 * A client whose every method answers from `answers` (a value) or `raw` (a whole Result, maybe
 * late, for errors and races), recording calls; pushes are sent by hand with `push`. The input is
 * checked by the method's input schema (refused as the host would, invalid_input) and every answer
 * is parsed by its output schema, so an answer the real host could not give fails the test.
 */
export function fakeClient() {
  let listener: (e: PushEvent) => void = () => {};
  const calls: Call[] = [];
  const answers: { [M in MethodName]?: Answer<M> } = {};
  const raw: { [M in MethodName]?: RawAnswer<M> } = {};

  async function answer<M extends MethodName>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
    calls.push({ method, input });
    const def: Contract[M] = contract[method];
    const checked = def.input.safeParse(input);
    if (!checked.success) return { ok: false, error: { code: 'invalid_input', message: 'refused by the input schema', issues: issuesFrom(checked.error) } };
    const given: RawAnswer<M> | undefined = raw[method];
    const plain: Answer<M> | undefined = answers[method];
    const result: RawResult<M> = given ? await given(input) : plain ? { ok: true, value: plain(input) } : { ok: false, error: { code: 'internal', message: `no answer for ${method}` } };
    if (!result.ok) return { ok: false, error: AppError.parse(result.error) };
    // zod cannot tie a generic method's schema to its output type; the parse is what checks it.
    return { ok: true, value: def.output.parse(result.value) as Output<M> };
  }

  const methods = Object.fromEntries(methodNames.map((method) => [method, (input: Input<typeof method>) => answer(method, input)]));
  const client: StagegateClient = {
    ...(methods as Omit<StagegateClient, 'subscribe'>),
    subscribe: (l) => {
      listener = l;
      return () => (listener = () => {});
    },
  };
  return {
    client,
    calls,
    answers,
    raw,
    push: (e: PushEvent) => listener(e),
    /** How often each method was called since `calls` was last emptied. */
    count: (method: MethodName) => calls.filter((c) => c.method === method).length,
    inputs: (method: MethodName) => calls.filter((c) => c.method === method).map((c) => c.input),
  };
}

export type FakeClient = ReturnType<typeof fakeClient>;
