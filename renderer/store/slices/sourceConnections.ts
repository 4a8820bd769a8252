import type { Input, Output } from '../../../shared/contract.ts';
import type { ConnectionTest, ConnectionView } from '../../../shared/domain/connections.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

/** Connections to metrics services (Settings ▸ Connections). The renderer only ever holds their secrets' states. */
export interface SourceConnectionsSlice {
  connections: ConnectionView[] | null;
  connectionsError: AppError | null;
  loadConnections(): Promise<void>;
  saveConnection(input: Input<'saveConnection'>): Promise<Result<ConnectionView>>;
  testConnection(input: Input<'testConnection'>): Promise<Result<ConnectionTest>>;
  removeConnection(input: Input<'removeConnection'>): Promise<Result<Output<'removeConnection'>>>;
}

export const createSourceConnectionsSlice: SliceCreator<SourceConnectionsSlice> = (client) => (set, get) => {
  const load = coalesce(async () => {
    const result = await client.listConnections({});
    if (result.ok) set({ connections: result.value, connectionsError: null });
    else set({ connectionsError: result.error });
  });
  const put = (view: ConnectionView) => {
    const list = get().connections ?? [];
    const exists = list.some((c) => c.id === view.id);
    const next = exists ? list.map((c) => (c.id === view.id ? view : c)) : [...list, view];
    set({ connections: next.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })) });
  };
  return {
    connections: null,
    connectionsError: null,
    loadConnections: load,
    saveConnection: async (input) => {
      const result = await client.saveConnection(input);
      if (result.ok) put(result.value);
      // Someone saved or removed it first: show what is there now.
      else if (result.error.code === 'conflict' || result.error.code === 'not_found') void load();
      return result;
    },
    testConnection: async (input) => {
      const result = await client.testConnection(input);
      // A test of a saved connection as it is saved is kept by the host as its last test.
      const saved = input.id !== undefined && input.config === undefined && Object.keys(input.secrets ?? {}).length === 0;
      if (result.ok && saved) {
        const list = get().connections ?? [];
        set({ connections: list.map((c) => (c.id === input.id ? { ...c, lastTest: result.value } : c)) });
      }
      return result;
    },
    removeConnection: async (input) => {
      const result = await client.removeConnection(input);
      if (result.ok) set({ connections: (get().connections ?? []).filter((c) => c.id !== input.id) });
      else if (result.error.code === 'conflict' || result.error.code === 'not_found') void load();
      return result;
    },
  };
};
