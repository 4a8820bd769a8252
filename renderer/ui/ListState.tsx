import type { ReactNode } from 'react';
import type { AppError } from '../../shared/result.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { Loading } from './Loading.tsx';

interface Props {
  /** The list, or null until it is read. */
  items: readonly unknown[] | null;
  error: AppError | null;
  /** The banner's words when reading failed: "Could not load the flags". */
  failed: string;
  /** What is being read: "flags". */
  loading: string;
  /** Said when there is nothing to list. */
  empty: ReactNode;
  onRetry?: () => void;
  /** False where nothing is read (a viewer's connections), so it never says it is loading. */
  reading?: boolean;
}

/** A list's states before its rows: reading it failed, it is being read, or there is nothing in it. */
export function ListState({ items, error, failed, loading, empty, onRetry, reading = true }: Props) {
  return (
    <>
      {error ? <ErrorBanner error={error} context={failed} onRetry={onRetry} /> : null}
      {reading && !items && !error ? <Loading what={loading} /> : null}
      {items && items.length === 0 ? <p className="empty">{empty}</p> : null}
    </>
  );
}
