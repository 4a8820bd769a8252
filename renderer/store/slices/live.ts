import type { PushEvent } from '../../../shared/domain/events.ts';
import { throttle } from '../../lib/throttle.ts';
import type { SliceCreator } from '../types.ts';

export interface LiveSlice {
  /** Loads the session and subscribes to pushes; returns the way to stop. */
  start(): () => void;
  handlePush(event: PushEvent): void;
  /** Refetches whatever is on screen (after a reconnect, when pushes may have been missed). */
  refreshVisible(): void;
}

/** Samples arrive every tick for every live release; charts need no more than one refresh a second. */
export const METRICS_REFRESH_MS = 1000;

export const createLiveSlice: SliceCreator<LiveSlice> = (client) => (_set, get) => {
  const refreshMetrics = throttle(() => void get().syncMetrics(), METRICS_REFRESH_MS);
  return {
    start: () => {
      void get().loadInfo();
      const unsubscribe = client.subscribe((event) => get().handlePush(event));
      return () => {
        unsubscribe();
        refreshMetrics.cancel();
      };
    },
    handlePush: (event) => {
      const state = get();
      switch (event.type) {
        case 'release.changed':
          if (state.releases !== null) void state.loadReleases();
          if (state.detailId === event.releaseId) void state.refreshRelease();
          break;
        case 'decision.recorded':
          state.addDecision(event.decision);
          break;
        case 'samples.arrived':
          if (state.seriesFor !== null && state.seriesFor === state.detailId && event.releaseIds.includes(state.seriesFor)) refreshMetrics();
          break;
      }
    },
    refreshVisible: () => {
      const state = get();
      if (state.releases !== null) void state.loadReleases();
      if (state.detailId !== null) {
        void state.refreshRelease();
        void state.syncMetrics();
      }
      void state.loadInfo();
    },
  };
};
