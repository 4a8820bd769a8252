import { createStore, type StoreApi } from 'zustand/vanilla';
import { createChartViewSlice } from './slices/chartView.ts';
import { createConnectionSlice } from './slices/connection.ts';
import { createEventSearchSlice } from './slices/eventSearch.ts';
import { createPaletteSlice } from './slices/palette.ts';
import type { AppState } from './types.ts';

export type AppStore = StoreApi<AppState>;

/** The one UI store, built from feature slices; the host's data lives in the query cache. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createChartViewSlice(...a),
    ...createPaletteSlice(...a),
    ...createEventSearchSlice(...a),
  }));
}
