import type { AppError } from '../../shared/result.ts';

/** The host's refusal, in the dialog, just above its buttons. */
export function DialogError({ error }: { error: AppError | null }) {
  return error ? (
    <p className="dialog-error" role="alert">
      {error.message}
    </p>
  ) : null;
}
