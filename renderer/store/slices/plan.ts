import type { PlanView } from '../../../shared/domain/views.ts';
import type { PlanInput } from '../../../shared/plans/plan.ts';
import type { MetricMappingInput } from '../../../shared/sources/mapping.ts';
import type { MappingPreview } from '../../../shared/sources/preview.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export interface PlanSlice {
  planFor: string | null;
  /** The plan of planFor as data and YAML, with where history ends; null while loading. */
  plan: PlanView | null;
  planError: AppError | null;
  openPlan(releaseId: string): void;
  closePlan(): void;
  refreshPlan(): Promise<void>;
  /** Replaces the stages not started yet; the host checks the YAML and names line and field. */
  savePlanYaml(yaml: string): Promise<Result<PlanView>>;
  /** The same from a plan as data (the Metrics section saves the plan with its mapping changed). */
  savePlan(plan: PlanInput): Promise<Result<PlanView>>;
  /** Runs a mapping's queries now for the open release (nothing is stored). */
  previewMapping(mapping: MetricMappingInput): Promise<Result<MappingPreview>>;
}

export const createPlanSlice: SliceCreator<PlanSlice> = (client) => (set, get) => {
  const refresh = coalesce(async () => {
    const releaseId = get().planFor;
    if (!releaseId) return;
    const result = await client.getPlan({ releaseId });
    if (get().planFor !== releaseId) return;
    if (result.ok) set({ plan: result.value, planError: null });
    else set({ planError: result.error });
  });
  return {
    planFor: null,
    plan: null,
    planError: null,
    openPlan: (releaseId) => {
      if (get().planFor !== releaseId) set({ planFor: releaseId, planError: null, ...(get().plan?.releaseId === releaseId ? {} : { plan: null }) });
      void refresh();
    },
    closePlan: () => set({ planFor: null }),
    refreshPlan: refresh,
    savePlanYaml: async (yaml) => {
      const releaseId = get().planFor;
      if (!releaseId) return { ok: false, error: { code: 'not_found', message: 'No release is open.' } };
      const result = await client.updatePlan({ releaseId, yaml });
      if (result.ok && get().planFor === releaseId) set({ plan: result.value, planError: null });
      return result;
    },
    savePlan: async (plan) => {
      const releaseId = get().planFor;
      if (!releaseId) return { ok: false, error: { code: 'not_found', message: 'No release is open.' } };
      const result = await client.updatePlan({ releaseId, plan });
      if (result.ok && get().planFor === releaseId) set({ plan: result.value, planError: null });
      return result;
    },
    previewMapping: async (mapping) => {
      const releaseId = get().planFor;
      if (!releaseId) return { ok: false, error: { code: 'not_found', message: 'No release is open.' } };
      return client.previewMetrics({ releaseId, mapping });
    },
  };
};
