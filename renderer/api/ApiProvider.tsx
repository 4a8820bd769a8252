import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { StagegateClient } from '../../shared/contract.ts';
import { createReads, type Reads } from './queries.ts';
import { createWrites, type Writes } from './writes/createWrites.ts';

interface Api {
  client: StagegateClient;
  reads: Reads;
  writes: Writes;
}

const ApiContext = createContext<Api | null>(null);

/** The query cache and, bound to one client, every read and write the screens use. */
export function ApiProvider({ client, queryClient, children }: { client: StagegateClient; queryClient: QueryClient; children: ReactNode }) {
  const api = useMemo(() => ({ client, reads: createReads(client), writes: createWrites(client, queryClient) }), [client, queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <ApiContext value={api}>{children}</ApiContext>
    </QueryClientProvider>
  );
}

function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('The API hooks need an <ApiProvider> above them.');
  return api;
}

/** Query options for every contract read: `useQuery(useReads().release(id))`. */
export const useReads = (): Reads => useApi().reads;
/** Every contract write, each answering with the host's Result. */
export const useWrites = (): Writes => useApi().writes;
/** The client itself, for calls that are run now and not cached (a pre-flight, a mapping preview). */
export const useClient = (): StagegateClient => useApi().client;
