import type { SliceCreator } from '../types.ts';

export interface EventSearchSlice {
  /** The event log's last search: coming back to the page without one in its address repeats it. */
  eventSearch: string;
  setEventSearch(query: string): void;
}

export const createEventSearchSlice: SliceCreator<EventSearchSlice> = (set) => ({
  eventSearch: '',
  setEventSearch: (eventSearch) => set({ eventSearch }),
});
