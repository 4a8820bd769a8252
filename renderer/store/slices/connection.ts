import type { ConnectionState } from '../../api/connection.ts';
import type { SliceCreator } from '../types.ts';

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get) => ({
  connection: 'connecting',
  setConnection: (state) => {
    // An ended session stays ended: this page's cookie will not work again, whatever answers next.
    if (get().connection === 'ended') return;
    set({ connection: state });
  },
});
