import { z } from 'zod';
// Every message zod makes, from here on, is in the product's words.
import './validation/messages.ts';
import { Preflight } from './domain/preflight.ts';

/** Error codes a caller can act on; handlers return these instead of throwing across the boundary. */
export const ErrorCode = z.enum([
  'invalid_input',
  'unauthorized',
  'forbidden',
  'unknown_method',
  'not_found',
  'illegal_action',
  'override_required',
  /** A start refused by its pre-flight: the checks are in `preflight`; `preflightOverride` starts anyway. */
  'preflight_failed',
  'conflict',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const InputIssue = z.object({
  path: z.string(),
  message: z.string(),
  /** Where in a file the problem is, for inputs that are files (a plan in YAML). */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type InputIssue = z.infer<typeof InputIssue>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(InputIssue).optional(),
  allowed: z.array(z.string()).optional(),
  /** With preflight_failed: the pre-flight that refused the start, every check with its finding and fix. */
  preflight: Preflight.optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Partial<AppError> = {}): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Turns zod issues into paths a person can read: `stages.2.exposure` rather than an array. */
export function issuesFrom(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({
    path: i.path.length ? i.path.map(String).join('.') : '(input)',
    message: i.message,
  }));
}
