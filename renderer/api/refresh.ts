import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Refetches the queries under `queryKey` that are on screen and marks the others stale, so they
 * refetch when shown. A query already fetching is refetched once more after that fetch, not
 * cancelled and restarted: a burst of pushes costs two fetches, and no answer read before the
 * change is left on screen.
 */
export async function refresh(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  const inFlight = queryClient.getQueryCache().findAll({ queryKey, fetchStatus: 'fetching' }).map((q) => q.promise);
  if (inFlight.length > 0) await Promise.allSettled(inFlight);
  await queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
}
