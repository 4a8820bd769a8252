import { DEFAULT_JUDGE_OPTIONS, fail, isConnectionSource, ok, STATUS_WORDS, planFromYaml, planOfStages, planToYaml, stagesOfPlan, type Plan, type PlanView, type Result } from '../../../shared/index.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { judgeOptionsOf, setJudgeOptions } from '../repos/guardState.ts';
import { getRelease, getStages, replacePendingStages } from '../repos/releases.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { mappingOf, setSource } from '../repos/sources.ts';
import { sourceOfPlan } from './sourceBinding.ts';
import { writeTransaction } from '../db/write.ts';

/** Stages that have started are history; a running release may change only what comes after its current stage. */
function editableFrom(status: string, stageIndex: number): number {
  return status === 'planned' ? 0 : stageIndex + 1;
}

function planView(deps: HandlerDeps, releaseId: string): Result<PlanView> {
  const release = getRelease(deps.db, releaseId);
  if (!release) return fail('not_found', `No release "${releaseId}".`);
  const plan = planOfStages(release.planName || 'Plan', release.target, getStages(deps.db, releaseId), judgeOptionsOf(deps.db, releaseId), mappingOf(deps.db, releaseId));
  return ok({ releaseId, plan, yaml: planToYaml(plan), editableFrom: editableFrom(release.status, release.stageIndex) });
}

export function planHandlers(deps: HandlerDeps): HandlerGroup<'getPlan' | 'updatePlan'> {
  return {
    getPlan: (input) => planView(deps, input.releaseId),
    updatePlan: (input, caller) => {
      let plan: Plan;
      if (input.yaml !== undefined) {
        const parsed = planFromYaml(input.yaml);
        if (!parsed.ok) return parsed;
        plan = parsed.value;
      } else {
        plan = input.plan!;
      }
      // Checked under the write lock: another host may have moved the release on since it was last read.
      const edited = writeTransaction(deps.db, (): Result<null> => {
        const release = getRelease(deps.db, input.releaseId);
        if (!release) return fail('not_found', `No release "${input.releaseId}".`);
        if (plan.target !== release.target) {
          return fail('invalid_input', `This plan is for ${plan.target}; the release ships to ${release.target}.`, { issues: [{ path: 'target', message: `must be ${release.target}` }] });
        }
        if (release.status === 'completed' || release.status === 'rolled_back') return fail('illegal_action', `The release is ${STATUS_WORDS[release.status]}; its plan is history.`);
        const from = editableFrom(release.status, release.stageIndex);
        const current = getStages(deps.db, release.id);
        // The stages already run must be the same in the new plan: history cannot be rewritten.
        for (let i = 0; i < from; i += 1) {
          const kept = current[i]!;
          const given = plan.stages[i];
          if (!given || given.exposure !== kept.exposurePct || given.label !== kept.label) {
            return fail('invalid_input', `Stage ${i} (${kept.label}) has started and cannot change; edit the stages after it.`, {
              issues: [{ path: `stages.${i}`, message: 'a started stage cannot change' }],
            });
          }
        }
        // α is promised for the whole rollout, its looks and stages together: a boundary moved mid-way keeps no promise.
        if (from > 0 && JSON.stringify(plan.judge ?? DEFAULT_JUDGE_OPTIONS) !== JSON.stringify(judgeOptionsOf(deps.db, release.id))) {
          return fail('invalid_input', 'The judge options are fixed once the rollout has started: its false-halt rate is promised for the whole rollout. Keep them as they are, or start a new release.', {
            issues: [{ path: 'judge', message: 'fixed once the rollout has started' }],
          });
        }
        // A release that reads a real source keeps one: the simulator never writes into it.
        if (!plan.metrics && isConnectionSource(release.source) && release.status !== 'planned') {
          return fail('invalid_input', `This release reads its metrics from ${release.source}; keep a metric mapping (change its queries or connection instead).`, {
            issues: [{ path: 'metrics', message: 'a started release bound to a real source keeps its mapping' }],
          });
        }
        const bound = sourceOfPlan(deps, plan, release.baselineVersion);
        if (!bound.ok) return bound;
        replacePendingStages(deps.db, release.id, from, stagesOfPlan(plan).slice(from), plan.name);
        setJudgeOptions(deps.db, release.id, plan.judge);
        const source = plan.metrics ? bound.value.source : isConnectionSource(release.source) ? 'simulator' : release.source;
        setSource(deps.db, release.id, source, plan.metrics ?? null);
        appendEvent(deps.db, { kind: 'plan.updated', subject: release.id, actor: caller.actor, at: deps.now(), payload: { plan: plan.name, stages: plan.stages.length, editedFrom: from } });
        return ok(null);
      });
      if (!edited.ok) return edited;
      deps.bus.emit({ type: 'release.changed', releaseId: input.releaseId });
      return planView(deps, input.releaseId);
    },
  };
}
