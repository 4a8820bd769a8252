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
    // An ended session stays ended: this page's cookie will not work again, whatever answers next.
    if (before === state || before === 'ended') return;
    set({ connection: state });
    // Pushes sent while we were away are lost: catch up on whatever is on screen.
    if (state === 'live' && before === 'reconnecting') get().refreshVisible();
  },
});
