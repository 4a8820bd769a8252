import type { QueryClient } from '@tanstack/react-query';
import type { StagegateClient } from '../../shared/contract.ts';
import type { ConnectionState } from './connection.ts';
import { createPushRouter } from './pushInvalidation.ts';

/** Subscribes to the host's pushes and routes each into the cache; returns the way to stop. */
export function startLive(client: StagegateClient, queryClient: QueryClient): () => void {
  const router = createPushRouter(queryClient);
  const unsubscribe = client.subscribe((event) => router.handle(event));
  return () => {
    unsubscribe();
    router.stop();
  };
}

/**
 * What the client's connection reports turn into: the state shown (`show`), and after a reconnect a
 * refetch of everything on screen, since pushes sent while we were away are lost.
 */
export function connectionReporter(current: () => ConnectionState, show: (state: ConnectionState) => void, queryClient: QueryClient) {
  return (state: ConnectionState) => {
    const before = current();
    show(state);
    if (state === 'live' && before === 'reconnecting' && current() === 'live') void queryClient.invalidateQueries();
  };
}
