import type { StateCreator } from 'zustand/vanilla';
import type { StagegateClient } from '../../shared/contract.ts';
import type { ConnectionSlice } from './slices/connection.ts';
import type { LiveSlice } from './slices/live.ts';
import type { MetricsSlice } from './slices/metrics.ts';
import type { ReleaseDetailSlice } from './slices/releaseDetail.ts';
import type { ReleasesSlice } from './slices/releases.ts';
import type { SessionSlice } from './slices/session.ts';

export type AppState = SessionSlice & ConnectionSlice & ReleasesSlice & ReleaseDetailSlice & MetricsSlice & LiveSlice;

/** A slice sees the whole state (to read other slices) and the client it fetches through. */
export type SliceCreator<T> = (client: StagegateClient) => StateCreator<AppState, [], [], T>;
