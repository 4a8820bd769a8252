import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StagegateClient } from '../../shared/contract.ts';
import { createConnectionSlice } from './slices/connection.ts';
import { createLiveSlice } from './slices/live.ts';
import { createMetricsSlice } from './slices/metrics.ts';
import { createReleaseDetailSlice } from './slices/releaseDetail.ts';
import { createReleasesSlice } from './slices/releases.ts';
import { createSessionSlice } from './slices/session.ts';
import type { AppState } from './types.ts';

export type AppStore = StoreApi<AppState>;

/** The one store, built from feature slices around one client (tests pass a fake one). */
export function createAppStore(client: StagegateClient): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(client)(...a),
    ...createConnectionSlice(client)(...a),
    ...createReleasesSlice(client)(...a),
    ...createReleaseDetailSlice(client)(...a),
    ...createMetricsSlice(client)(...a),
    ...createLiveSlice(client)(...a),
  }));
}
