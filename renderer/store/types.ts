import type { StateCreator } from 'zustand/vanilla';
import type { StagegateClient } from '../../shared/contract.ts';
import type { ConnectionSlice } from './slices/connection.ts';
import type { DecisionLogSlice } from './slices/decisionLog.ts';
import type { EventLogSlice } from './slices/eventLog.ts';
import type { FaultsSlice } from './slices/faults.ts';
import type { FlagsSlice } from './slices/flags.ts';
import type { GatesSlice } from './slices/gates.ts';
import type { LiveSlice } from './slices/live.ts';
import type { MetricsSlice } from './slices/metrics.ts';
import type { PlanSlice } from './slices/plan.ts';
import type { PreflightSlice } from './slices/preflight.ts';
import type { ReadinessSlice } from './slices/readiness.ts';
import type { ReleaseDetailSlice } from './slices/releaseDetail.ts';
import type { ReleasesSlice } from './slices/releases.ts';
import type { SegmentsSlice } from './slices/segments.ts';
import type { SegmentKeysSlice } from './slices/segmentKeys.ts';
import type { ChartViewSlice } from './slices/chartView.ts';
import type { PaletteSlice } from './slices/palette.ts';
import type { SessionSlice } from './slices/session.ts';
import type { SourceConnectionsSlice } from './slices/sourceConnections.ts';
import type { TimelineSlice } from './slices/timeline.ts';
import type { TrainsSlice } from './slices/trains.ts';

export type AppState = SessionSlice &
  ConnectionSlice &
  ReleasesSlice &
  ReleaseDetailSlice &
  MetricsSlice &
  SegmentsSlice &
  SegmentKeysSlice &
  ChartViewSlice &
  PaletteSlice &
  GatesSlice &
  PlanSlice &
  ReadinessSlice &
  FaultsSlice &
  TimelineSlice &
  TrainsSlice &
  FlagsSlice &
  DecisionLogSlice &
  EventLogSlice &
  SourceConnectionsSlice &
  LiveSlice &
  PreflightSlice;

/** A slice sees the whole state (to read other slices) and the client it fetches through. */
export type SliceCreator<T> = (client: StagegateClient) => StateCreator<AppState, [], [], T>;
