import { createClient } from '../api/client.ts';
import { createAppStore, type AppStore } from '../store/createAppStore.ts';

/** Client and store, wired so the client can report its connection state into the store. */
export function bootstrap(): AppStore {
  let store: AppStore | null = null;
  const client = createClient({ onConnection: (state) => store?.getState().setConnection(state) });
  store = createAppStore(client);
  return store;
}
