import type { AppError, InputIssue } from '../../shared/result.ts';

/** What a form's banner says when each refused field says why below it. */
export const REFUSED_BESIDE_FIELDS = 'the host refused some fields; each says why below it.';

/** Whether a refusal is said wholly beside the fields: an input refusal each of whose issues found its field. */
export function placedBesideFields(error: AppError, fields: object, rest: readonly InputIssue[]): boolean {
  return error.code === 'invalid_input' && rest.length === 0 && Object.keys(fields).length > 0;
}

/** The refusal with only the issues no field says (issues shown beside their fields are not repeated in the banner). */
export function withIssuesLeft(error: AppError, rest: InputIssue[]): AppError {
  return { ...error, ...(error.issues ? { issues: rest } : {}) };
}

/** A form's banner for a refusal: the issues no field says, or, when every one found its field, that they are below. */
export function refusalBanner(error: AppError, placed: { fields: object; rest: InputIssue[] }): AppError {
  return placedBesideFields(error, placed.fields, placed.rest) ? { code: error.code, message: REFUSED_BESIDE_FIELDS } : withIssuesLeft(error, placed.rest);
}
