import { contract, fail, isMethodName, ok, issuesFrom, MAX_INPUT_DEPTH, nestedDeeperThan, type AppError, type MethodName, type MethodDef, type Output, type ParsedInput, type Result, type Role } from '../../shared/index.ts';
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
  const parsed = validate(name, def, rawInput === undefined ? {} : rawInput);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[name] as Handler<typeof name>;
    const result = await handler(parsed.value as never, caller);
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

const invalid = (name: string, message: string): { ok: false; error: AppError } =>
  fail('invalid_input', `Invalid input to ${name}: ${message}`, { issues: [{ path: '(input)', message }] });

/** Every way an input can fail its schema, including one too large to check, ends as `invalid_input`. */
function validate(name: string, def: MethodDef, input: unknown): Result<unknown> {
  if (nestedDeeperThan(input, MAX_INPUT_DEPTH)) return invalid(name, `the input is nested deeper than ${MAX_INPUT_DEPTH} levels`);
  let parsed: ReturnType<MethodDef['input']['safeParse']>;
  try {
    parsed = def.input.safeParse(input);
  } catch (error) {
    // A schema gives up (zod's own stack, say) only on an input built to make it; that is still bad input.
    return invalid(name, error instanceof RangeError ? 'the input is too large to check' : `the input could not be checked (${String(error)})`);
  }
  if (parsed.success) return ok(parsed.data);
  // A large batch can fail on every row: the message names the first few, the issues the first hundred.
  const issues = issuesFrom(parsed.error);
  const named = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return fail('invalid_input', `Invalid input to ${name}: ${named}${more}`, { issues: issues.slice(0, 100) });
}
