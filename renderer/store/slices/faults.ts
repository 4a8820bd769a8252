import type { Input } from '../../../shared/contract.ts';
import type { Fault } from '../../../shared/domain/faults.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export type FaultInput = Omit<Input<'injectFault'>, 'releaseId'>;

export interface FaultsSlice {
  faultsFor: string | null;
  faults: { releaseId: string; list: Fault[] } | null;
  faultsError: AppError | null;
  openFaults(releaseId: string): void;
  closeFaults(): void;
  refreshFaults(): Promise<void>;
  injectFault(input: FaultInput): Promise<Result<Fault>>;
  clearFaults(): Promise<Result<{ ended: number }>>;
}

export const createFaultsSlice: SliceCreator<FaultsSlice> = (client) => (set, get) => {
  const refresh = coalesce(async () => {
    const releaseId = get().faultsFor;
    if (!releaseId) return;
    const result = await client.listFaults({ releaseId });
    if (get().faultsFor !== releaseId) return;
    if (result.ok) set({ faults: { releaseId, list: result.value }, faultsError: null });
    else set({ faultsError: result.error });
  });
  const noRelease = { ok: false as const, error: { code: 'not_found' as const, message: 'No release is open.' } };
  return {
    faultsFor: null,
    faults: null,
    faultsError: null,
    openFaults: (releaseId) => {
      if (get().faultsFor !== releaseId) set({ faultsFor: releaseId, faultsError: null, ...(get().faults?.releaseId === releaseId ? {} : { faults: null }) });
      void refresh();
    },
    closeFaults: () => set({ faultsFor: null }),
    refreshFaults: refresh,
    injectFault: async (input) => {
      const releaseId = get().faultsFor;
      if (!releaseId) return noRelease;
      const result = await client.injectFault({ ...input, releaseId });
      if (result.ok) void refresh();
      return result;
    },
    clearFaults: async () => {
      const releaseId = get().faultsFor;
      if (!releaseId) return noRelease;
      const result = await client.clearFaults({ releaseId });
      if (result.ok) void refresh();
      return result;
    },
  };
};
