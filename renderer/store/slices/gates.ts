import type { GateStatus } from '../../../shared/domain/views.ts';
import type { AppError } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export interface GatesSlice {
  /** The release whose gates are on screen; pushes about it refresh them. */
  gatesFor: string | null;
  /** The last answer, with the release it is about (status null: the release has no stage to judge). */
  gates: { releaseId: string; status: GateStatus | null } | null;
  gatesError: AppError | null;
  openGates(releaseId: string): void;
  closeGates(): void;
  refreshGates(): Promise<void>;
}

export const createGatesSlice: SliceCreator<GatesSlice> = (client) => (set, get) => {
  const refresh = coalesce(async () => {
    const releaseId = get().gatesFor;
    if (!releaseId) return;
    const result = await client.getGateStatus({ releaseId });
    if (get().gatesFor !== releaseId) return;
    if (result.ok) set({ gates: { releaseId, status: result.value }, gatesError: null });
    else set({ gatesError: result.error });
  });
  return {
    gatesFor: null,
    gates: null,
    gatesError: null,
    openGates: (releaseId) => {
      if (get().gatesFor !== releaseId) set({ gatesFor: releaseId, gatesError: null, ...(get().gates?.releaseId === releaseId ? {} : { gates: null }) });
      void refresh();
    },
    closeGates: () => set({ gatesFor: null }),
    refreshGates: refresh,
  };
};
