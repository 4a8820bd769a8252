import type { Preflight } from '../../../shared/domain/preflight.ts';
import type { AppError } from '../../../shared/result.ts';
import type { SliceCreator } from '../types.ts';

export interface PreflightSlice {
  /** The last pre-flight run for the Start dialog; null before one came back. */
  preflight: Preflight | null;
  preflightRunning: boolean;
  preflightError: AppError | null;
  /** Runs it now on the host (its metric queries too); the answer to the newest request wins. */
  runPreflight(releaseId: string, monitor?: string): Promise<void>;
  /** The checks a refused start came back with: newer than the dialog's last run. */
  showPreflight(preflight: Preflight): void;
  clearPreflight(): void;
}

export const createPreflightSlice: SliceCreator<PreflightSlice> = (client) => (set) => {
  let ticket = 0;
  return {
    preflight: null,
    preflightRunning: false,
    preflightError: null,
    runPreflight: async (releaseId, monitor) => {
      const mine = ++ticket;
      set({ preflightRunning: true, preflightError: null });
      const result = await client.getPreflight({ releaseId, ...(monitor ? { monitor } : {}) });
      if (mine !== ticket) return;
      if (result.ok) set({ preflight: result.value, preflightRunning: false });
      else set({ preflightError: result.error, preflightRunning: false });
    },
    showPreflight: (preflight) => {
      ticket += 1;
      set({ preflight, preflightRunning: false, preflightError: null });
    },
    clearPreflight: () => {
      ticket += 1;
      set({ preflight: null, preflightRunning: false, preflightError: null });
    },
  };
};
