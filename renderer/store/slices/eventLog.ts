import type { LoggedEvent } from '../../../shared/domain/events.ts';
import type { AppError } from '../../../shared/result.ts';
import type { SliceCreator } from '../types.ts';

export const EVENT_PAGE = 50;

export interface EventLogSlice {
  events: LoggedEvent[] | null;
  eventsQuery: string;
  /** The last page was full: older events may exist. */
  eventsMore: boolean;
  eventsBusy: boolean;
  eventsError: AppError | null;
  searchEvents(query: string): Promise<void>;
  loadOlderEvents(): Promise<void>;
}

export const createEventLogSlice: SliceCreator<EventLogSlice> = (client) => (set, get) => {
  // A newer search wins over a slower older one.
  let ticket = 0;
  return {
    events: null,
    eventsQuery: '',
    eventsMore: false,
    eventsBusy: false,
    eventsError: null,
    searchEvents: async (query) => {
      const mine = ++ticket;
      set({ eventsQuery: query, eventsBusy: true });
      const q = query.trim();
      const result = await client.listEvents({ limit: EVENT_PAGE, ...(q ? { query: q } : {}) });
      if (mine !== ticket) return;
      if (result.ok) set({ events: result.value, eventsMore: result.value.length === EVENT_PAGE, eventsError: null, eventsBusy: false });
      else set({ eventsError: result.error, eventsBusy: false });
    },
    loadOlderEvents: async () => {
      const shown = get().events;
      const last = shown?.at(-1);
      if (!shown || !last) return;
      const mine = ++ticket;
      set({ eventsBusy: true });
      const q = get().eventsQuery.trim();
      const result = await client.listEvents({ limit: EVENT_PAGE, beforeSeq: last.seq, ...(q ? { query: q } : {}) });
      if (mine !== ticket) return;
      if (result.ok) set({ events: [...shown, ...result.value], eventsMore: result.value.length === EVENT_PAGE, eventsError: null, eventsBusy: false });
      else set({ eventsError: result.error, eventsBusy: false });
    },
  };
};
