import type { Input } from '../../../shared/contract.ts';
import type { Decision } from '../../../shared/domain/release.ts';
import type { AppError } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export type DecisionFilter = Omit<Input<'listDecisions'>, 'limit'>;

export const DECISION_LOG_LIMIT = 200;

export interface DecisionLogSlice {
  /** The filter of the log on screen; null when the log is not shown (pushes then leave it alone). */
  decisionFilter: DecisionFilter | null;
  decisionLog: Decision[] | null;
  decisionLogError: AppError | null;
  openDecisionLog(filter: DecisionFilter): void;
  closeDecisionLog(): void;
  refreshDecisionLog(): Promise<void>;
}

export const createDecisionLogSlice: SliceCreator<DecisionLogSlice> = (client) => (set, get) => {
  const refresh = coalesce(async () => {
    const filter = get().decisionFilter;
    if (!filter) return;
    const result = await client.listDecisions({ ...filter, limit: DECISION_LOG_LIMIT });
    if (get().decisionFilter !== filter) return;
    if (result.ok) set({ decisionLog: result.value, decisionLogError: null });
    else set({ decisionLogError: result.error });
  });
  return {
    decisionFilter: null,
    decisionLog: null,
    decisionLogError: null,
    openDecisionLog: (filter) => {
      set({ decisionFilter: filter, decisionLogError: null });
      void refresh();
    },
    closeDecisionLog: () => set({ decisionFilter: null }),
    refreshDecisionLog: refresh,
  };
};
