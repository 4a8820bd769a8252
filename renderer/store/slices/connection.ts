import type { ConnectionState } from '../../api/connection.ts';
import type { SliceCreator } from '../types.ts';

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = () => (set, get) => ({
  connection: 'connecting',
  setConnection: (state) => {
    const before = get().connection;
    if (before === state) return;
    set({ connection: state });
    // Pushes sent while we were away are lost: catch up on whatever is on screen.
    if (state === 'live' && before === 'reconnecting') get().refreshVisible();
  },
});
