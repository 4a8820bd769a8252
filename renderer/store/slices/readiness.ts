import type { PlanReadiness } from '../../../shared/domain/readiness.ts';
import type { AppError } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export interface ReadinessSlice {
  /** The release whose plan readiness is on screen; plan edits and samples refresh it. */
  readinessFor: string | null;
  /** How long each stage needs to decide at the traffic of the last hour; null while loading. */
  readiness: PlanReadiness | null;
  readinessError: AppError | null;
  openReadiness(releaseId: string): void;
  closeReadiness(): void;
  refreshReadiness(): Promise<void>;
}

export const createReadinessSlice: SliceCreator<ReadinessSlice> = (client) => (set, get) => {
  const refresh = coalesce(async () => {
    const releaseId = get().readinessFor;
    if (!releaseId) return;
    const result = await client.getPlanReadiness({ releaseId });
    if (get().readinessFor !== releaseId) return;
    if (result.ok) set({ readiness: result.value, readinessError: null });
    else set({ readinessError: result.error });
  });
  return {
    readinessFor: null,
    readiness: null,
    readinessError: null,
    openReadiness: (releaseId) => {
      if (get().readinessFor !== releaseId) set({ readinessFor: releaseId, readinessError: null, ...(get().readiness?.releaseId === releaseId ? {} : { readiness: null }) });
      void refresh();
    },
    closeReadiness: () => set({ readinessFor: null }),
    refreshReadiness: refresh,
  };
};
