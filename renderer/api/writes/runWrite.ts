import { MutationObserver, type MutationKey, type QueryClient } from '@tanstack/react-query';
import type { Result } from '../../../shared/result.ts';

/**
 * Runs one contract write as a mutation of the query client, so a push can tell that a write on its
 * release is under way (see pushInvalidation.ts), and hands back its Result as the host gave it: the
 * forms word refusals and place their issues themselves. `then` writes the answer into the cache
 * before the mutation counts as done.
 */
export function runWrite<T>(queryClient: QueryClient, mutationKey: MutationKey, call: () => Promise<Result<T>>, then: (result: Result<T>) => Promise<void> | void): Promise<Result<T>> {
  const observer = new MutationObserver(queryClient, {
    mutationKey,
    mutationFn: async () => {
      const result = await call();
      await then(result);
      return result;
    },
  });
  return observer.mutate();
}
