import type { AppError } from '../../shared/result.ts';
import { IssueList } from './IssueList.tsx';

/** A failed call, said plainly: what went wrong and, where the host gave them, the failing fields. */
export function ErrorBanner({ error, context, onRetry }: { error: AppError; context?: string; onRetry?: () => void }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <strong>{context ?? 'Something went wrong'}:</strong> {error.message}
      {error.issues?.length ? <IssueList issues={error.issues} /> : null}
      {onRetry ? (
        <button type="button" className="button retry" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
