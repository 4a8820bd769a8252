import type { StateCreator } from 'zustand/vanilla';
import type { ChartViewSlice } from './slices/chartView.ts';
import type { ConnectionSlice } from './slices/connection.ts';
import type { EventSearchSlice } from './slices/eventSearch.ts';
import type { PaletteSlice } from './slices/palette.ts';

/** What the screens hold besides the host's data (which is in the query cache): UI state only. */
export type AppState = ConnectionSlice & ChartViewSlice & PaletteSlice & EventSearchSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
