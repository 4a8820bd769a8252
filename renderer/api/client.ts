import { CLIENT_GLOBAL, type StagegateClient } from '../../shared/contract.ts';
import type { ClientOptions } from './connection.ts';
import { createHttpClient } from './httpClient.ts';

/**
 * The Electron preload exposes the client on one global; a browser talks to the web host over
 * HTTP + SSE on the same origin. Either way the rest of the renderer sees a StagegateClient.
 */
export function createClient(options: ClientOptions = {}): StagegateClient {
  const preload = (window as unknown as Record<string, StagegateClient | undefined>)[CLIENT_GLOBAL];
  if (preload) {
    // IPC has no connection to lose: the push channel is live as long as the window is. Reported
    // on the next microtask, once the caller has wired the callback to its store.
    queueMicrotask(() => options.onConnection?.('live'));
    return preload;
  }
  return createHttpClient(options);
}
