import { contract, fail, isMethodName, issuesFrom, type MethodName, type Output, type ParsedInput, type Result, type Role } from '../../shared/index.ts';
import { isBusy } from './db/write.ts';

export interface Caller {
  actor: string;
  role: Role;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, caller: Caller) => Result<Output<M>> | Promise<Result<Output<M>>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export interface DispatchOptions {
  /** Validate outputs too (tests): a handler drifting from the contract fails loudly. */
  checkOutputs?: boolean;
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The single boundary both hosts go through: method lookup, role, input validation, then the
 * handler. Nothing thrown inside escapes; a caller always gets a value or a typed error.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, caller: Caller, options: DispatchOptions = {}): Promise<Result<unknown>> {
  if (!isMethodName(name)) return fail('unknown_method', `There is no method called "${name}".`);
  const def = contract[name];
  if (def.role === 'operator' && caller.role !== 'operator') {
    return fail('forbidden', `"${name}" changes the rollout and needs an operator; this session is read-only.`);
  }
  const parsed = def.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) {
    const issues = issuesFrom(parsed.error);
    return fail('invalid_input', `Invalid input to ${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
  try {
    const handler = handlers[name] as Handler<typeof name>;
    const result = await handler(parsed.data as never, caller);
    if (result.ok && options.checkOutputs) {
      const out = def.output.safeParse(result.value);
      if (!out.success) throw new Error(`${name} returned a value outside its contract: ${JSON.stringify(issuesFrom(out.error))}`);
    }
    return result;
  } catch (error) {
    options.onInternalError?.(name, error);
    // Not a fault of this host: another one held the data folder past every retry. Nothing was written.
    if (isBusy(error)) return fail('unavailable', `${name} could not get at the data folder: another Stagegate is writing to it. Nothing was changed; try again.`);
    return fail('internal', `${name} failed unexpectedly; nothing was changed. The host's log has the details.`);
  }
}
