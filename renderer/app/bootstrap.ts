import type { QueryClient } from '@tanstack/react-query';
import type { StagegateClient } from '../../shared/contract.ts';
import { createClient } from '../api/client.ts';
import { connectionReporter } from '../api/live.ts';
import { createQueryClient } from '../api/queryClient.ts';
import { createAppStore, type AppStore } from '../store/createAppStore.ts';

/** What the app runs on: the client, the cache of what it read, and the UI store. */
export interface AppParts {
  client: StagegateClient;
  queryClient: QueryClient;
  store: AppStore;
}

/** Wired so the client reports its connection into the store (and a reconnect refetches what is shown). */
export function bootstrap(): AppParts {
  const store = createAppStore();
  const queryClient = createQueryClient();
  const onConnection = connectionReporter(() => store.getState().connection, (state) => store.getState().setConnection(state), queryClient);
  return { client: createClient({ onConnection }), queryClient, store };
}
