import { QueryClient } from '@tanstack/react-query';

/**
 * The cache of everything read from the host. Pushes say what changed (pushInvalidation.ts) and
 * writes put their answers in, so a cached answer stays fresh until then: nothing refetches on its
 * own, on focus, on a timer or on retry (a failed read shows its error at once, as before). The
 * host is local, so the browser's idea of being offline must not pause anything.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
