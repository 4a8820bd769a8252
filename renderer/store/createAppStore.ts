import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StagegateClient } from '../../shared/contract.ts';
import { createConnectionSlice } from './slices/connection.ts';
import { createDecisionLogSlice } from './slices/decisionLog.ts';
import { createEventLogSlice } from './slices/eventLog.ts';
import { createFaultsSlice } from './slices/faults.ts';
import { createFlagsSlice } from './slices/flags.ts';
import { createGatesSlice } from './slices/gates.ts';
import { createLiveSlice } from './slices/live.ts';
import { createMetricsSlice } from './slices/metrics.ts';
import { createPlanSlice } from './slices/plan.ts';
import { createPreflightSlice } from './slices/preflight.ts';
import { createReadinessSlice } from './slices/readiness.ts';
import { createReleaseDetailSlice } from './slices/releaseDetail.ts';
import { createReleasesSlice } from './slices/releases.ts';
import { createSegmentsSlice } from './slices/segments.ts';
import { createSegmentKeysSlice } from './slices/segmentKeys.ts';
import { createChartViewSlice } from './slices/chartView.ts';
import { createPaletteSlice } from './slices/palette.ts';
import { createSessionSlice } from './slices/session.ts';
import { createSourceConnectionsSlice } from './slices/sourceConnections.ts';
import { createTimelineSlice } from './slices/timeline.ts';
import { createTrainsSlice } from './slices/trains.ts';
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
    ...createSegmentsSlice(client)(...a),
    ...createSegmentKeysSlice(client)(...a),
    ...createChartViewSlice(client)(...a),
    ...createPaletteSlice(client)(...a),
    ...createGatesSlice(client)(...a),
    ...createPlanSlice(client)(...a),
    ...createReadinessSlice(client)(...a),
    ...createFaultsSlice(client)(...a),
    ...createTimelineSlice(client)(...a),
    ...createTrainsSlice(client)(...a),
    ...createFlagsSlice(client)(...a),
    ...createDecisionLogSlice(client)(...a),
    ...createEventLogSlice(client)(...a),
    ...createSourceConnectionsSlice(client)(...a),
    ...createLiveSlice(client)(...a),
    ...createPreflightSlice(client)(...a),
  }));
}
