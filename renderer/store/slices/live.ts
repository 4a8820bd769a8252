import type { PushEvent } from '../../../shared/domain/events.ts';
import { throttle } from '../../lib/throttle.ts';
import type { AppState, SliceCreator } from '../types.ts';

export interface LiveSlice {
  /** Loads the session and subscribes to pushes; returns the way to stop. */
  start(): () => void;
  handlePush(event: PushEvent): void;
  /** Refetches whatever is on screen (after a reconnect, when pushes may have been missed). */
  refreshVisible(): void;
}

/** Samples arrive every tick for every live release; charts need no more than one refresh a second. */
export const METRICS_REFRESH_MS = 1000;
/** The gate panel re-judges on samples too, at most once a second. */
export const GATES_REFRESH_MS = 1000;
/** The small multiples per segment, likewise. */
export const SEGMENTS_REFRESH_MS = 1000;
/** Plan readiness reads an hour of traffic: a new tick barely moves it, so twice a minute is plenty. */
export const READINESS_REFRESH_MS = 30_000;
/** Which segments have data changes rarely (a new label, a first sample): a look every 15 s while samples arrive. */
export const SEGMENT_KEYS_REFRESH_MS = 15_000;

/** Whether the timeline on screen may show this release (its own, or its train's). */
function timelineShows(state: AppState, releaseId: string): boolean {
  const subject = state.timelineFor;
  if (!subject) return false;
  if ('releaseId' in subject) return subject.releaseId === releaseId;
  return true;
}

export const createLiveSlice: SliceCreator<LiveSlice> = (client) => (_set, get) => {
  const refreshMetrics = throttle(() => void get().syncMetrics(), METRICS_REFRESH_MS);
  const refreshGates = throttle(() => void get().refreshGates(), GATES_REFRESH_MS);
  const refreshSegments = throttle(() => void get().syncSegments(), SEGMENTS_REFRESH_MS);
  const refreshReadiness = throttle(() => void get().refreshReadiness(), READINESS_REFRESH_MS);
  const refreshSegmentKeys = throttle(() => {
    const keys = get().segmentKeys;
    if (keys && keys.releaseId === get().detailId) void get().loadSegmentKeys(keys.releaseId);
  }, SEGMENT_KEYS_REFRESH_MS);
  return {
    start: () => {
      void get().loadInfo();
      const unsubscribe = client.subscribe((event) => get().handlePush(event));
      return () => {
        unsubscribe();
        refreshMetrics.cancel();
        refreshGates.cancel();
        refreshSegments.cancel();
        refreshReadiness.cancel();
        refreshSegmentKeys.cancel();
      };
    },
    handlePush: (event) => {
      const state = get();
      switch (event.type) {
        case 'release.changed':
          if (state.releases !== null) void state.loadReleases();
          if (state.detailId === event.releaseId) void state.refreshRelease();
          if (state.gatesFor === event.releaseId) void state.refreshGates();
          if (state.planFor === event.releaseId) void state.refreshPlan();
          if (state.readinessFor === event.releaseId) void state.refreshReadiness();
          if (state.faultsFor === event.releaseId) void state.refreshFaults();
          if (timelineShows(state, event.releaseId)) void state.refreshTimeline();
          // A train's run lists its releases.
          if (state.trains !== null) void state.loadTrains();
          break;
        case 'decision.recorded':
          state.addDecision(event.decision);
          if (state.decisionFilter !== null) void state.refreshDecisionLog();
          if (timelineShows(state, event.decision.releaseId)) void state.refreshTimeline();
          break;
        case 'samples.arrived':
          if (state.seriesFor !== null && state.seriesFor === state.detailId && event.releaseIds.includes(state.seriesFor)) refreshMetrics();
          if (state.gatesFor !== null && event.releaseIds.includes(state.gatesFor)) refreshGates();
          if (state.segmentsQuery !== null && event.releaseIds.includes(state.segmentsQuery.releaseId)) refreshSegments();
          if (state.readinessFor !== null && event.releaseIds.includes(state.readinessFor)) refreshReadiness();
          if (state.segmentKeys !== null && event.releaseIds.includes(state.segmentKeys.releaseId)) refreshSegmentKeys();
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
      if (state.gatesFor !== null) void state.refreshGates();
      if (state.segmentsQuery !== null) void state.syncSegments();
      if (state.planFor !== null) void state.refreshPlan();
      if (state.readinessFor !== null) void state.refreshReadiness();
      if (state.faultsFor !== null) void state.refreshFaults();
      if (state.timelineFor !== null) void state.refreshTimeline();
      if (state.trains !== null) void state.loadTrains();
      if (state.flags !== null) void state.loadFlags();
      if (state.decisionFilter !== null) void state.refreshDecisionLog();
      void state.loadInfo();
    },
  };
};
