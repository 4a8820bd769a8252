import type { QueryClient } from '@tanstack/react-query';
import type { Input, StagegateClient } from '../../../shared/contract.ts';
import type { Action } from '../../../shared/domain/release.ts';
import type { PlanInput } from '../../../shared/plans/plan.ts';
import type { OverrideReason } from '../../../shared/rollout/guardRules.ts';
import type { AppError } from '../../../shared/result.ts';
import { putDetail, putFault, putPlan } from '../cacheWrites.ts';
import { mutationKeys, queryKeys } from '../queryKeys.ts';
import { refresh } from '../refresh.ts';
import { runWrite } from './runWrite.ts';

export interface DecisionOverride {
  reasonCode: OverrideReason;
  expiresInMinutes: number;
}

/** What a decision may carry besides its reason: a start's monitor and pre-flight override, a Play resume's fraction. */
export interface DecideOptions {
  monitor?: string;
  preflightOverride?: { reason: string };
  exposurePct?: number;
}

export type FaultInput = Omit<Input<'injectFault'>, 'releaseId'>;

/** Refusals after which what is shown is probably stale, and answers that were lost (the write may have happened). */
const STALE_CODES = new Set<AppError['code']>(['illegal_action', 'conflict', 'not_found', 'unavailable', 'internal']);

/** Writes on one release: each answer goes into the cache; what it does not bring comes with the release.changed push it causes. */
export function releaseWrites(client: StagegateClient, queryClient: QueryClient) {
  return {
    /** An override is needed to go on against failing gates; the host answers override_required without one. */
    decide: (releaseId: string, action: Action, reason: string, override?: DecisionOverride, options: DecideOptions = {}) => {
      const start = action === 'start' ? { ...(options.monitor ? { monitor: options.monitor } : {}), ...(options.preflightOverride ? { preflightOverride: options.preflightOverride } : {}) } : {};
      const exposure = options.exposurePct === undefined ? {} : { exposurePct: options.exposurePct };
      return runWrite(
        queryClient,
        mutationKeys.releaseWrite('decide', releaseId),
        () => client.decide({ releaseId, action, reason, ...(override ? { override } : {}), ...start, ...exposure }),
        async (result) => {
          if (result.ok) await putDetail(queryClient, result.value);
          else if (STALE_CODES.has(result.error.code)) await refresh(queryClient, queryKeys.release(releaseId));
        },
      );
    },
    /** A new planned release; its list row comes with the release.changed push. */
    createRelease: (input: Input<'createRelease'>) =>
      runWrite(queryClient, mutationKeys.write('createRelease'), () => client.createRelease(input), (result) => (result.ok ? putDetail(queryClient, result.value) : undefined)),
    cutRelease: (trainId: string, version: string) =>
      runWrite(queryClient, mutationKeys.write('cutRelease'), () => client.cutRelease({ trainId, version }), (result) => (result.ok ? putDetail(queryClient, result.value) : undefined)),
    /** Replaces the stages not started yet, from YAML (the host names line and field) or from a plan as data (the Metrics section). */
    savePlan: (releaseId: string, plan: { yaml: string } | { plan: PlanInput }) =>
      runWrite(
        queryClient,
        mutationKeys.releaseWrite('updatePlan', releaseId),
        () => client.updatePlan({ releaseId, ...plan }),
        (result) => (result.ok ? putPlan(queryClient, result.value) : undefined),
      ),
    injectFault: (releaseId: string, input: FaultInput) =>
      runWrite(queryClient, mutationKeys.releaseWrite('injectFault', releaseId), () => client.injectFault({ ...input, releaseId }), (result) => (result.ok ? putFault(queryClient, result.value) : undefined)),
    /** Ends the faults now; the answer only counts them, and no push follows, so the list is fetched again. */
    clearFaults: (releaseId: string) =>
      runWrite(queryClient, mutationKeys.write('clearFaults'), () => client.clearFaults({ releaseId }), (result) => (result.ok ? refresh(queryClient, queryKeys.faults(releaseId)) : undefined)),
  };
}
