import type { AppError, Result } from '../../shared/result.ts';

/** A query's failure: the host's typed error, carried whole so a screen words it as before. */
export class HostError extends Error {
  readonly appError: AppError;
  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'HostError';
    this.appError = appError;
  }
}

/** A contract answer as a query function needs it: the value, or the host's error thrown. */
export async function unwrap<T>(answer: Promise<Result<T>>): Promise<T> {
  const result = await answer;
  if (result.ok) return result.value;
  throw new HostError(result.error);
}

/** What a screen shows for a failed query: the host's error, or an internal one for anything else that was thrown. */
export function appErrorOf(error: Error | null): AppError | null {
  if (!error) return null;
  return error instanceof HostError ? error.appError : { code: 'internal', message: error.message };
}
