// Check 5: every stage stops on failure with an action its target can take. The plan names pause,
// halt or roll back; the guard maps that onto the target (failureActionFor). A roll back the target
// cannot do (the App Store) is a promise the plan cannot keep — users who have the build keep it —
// and refuses the start; a pause that is a halt on Play, or a halt that is a pause on the App Store,
// stops the rollout all the same and is said so.
import type { PreflightCheck, PreflightItem } from '../domain/preflight.ts';
import type { Stage, TargetKind } from '../domain/release.ts';
import { ACTION_WORDS } from '../domain/words.ts';
import { failureActionFor } from '../rollout/guardRules.ts';
import { labelOf } from '../rollout/stateMachine.ts';
import { capital, check, listed, stageName } from './text.ts';

type StageFailure = Pick<Stage, 'label' | 'exposurePct' | 'onFailure'>;

export function failureActionsCheck(target: TargetKind, stages: readonly StageFailure[]): PreflightCheck {
  const who = labelOf(target);
  const items: PreflightItem[] = stages.map((s) => {
    const subject = stageName(s);
    const planned = s.onFailure;
    const done = failureActionFor(target, planned);
    if (done === planned) return { subject, outcome: 'pass', text: `on failure: ${ACTION_WORDS[planned]}` };
    if (planned === 'rollback') {
      return { subject, outcome: 'fail', text: `on failure says roll back, but ${who} cannot roll back: the guard would only ${ACTION_WORDS[done]}, and users who have the build keep it` };
    }
    return { subject, outcome: 'warn', text: `on failure says ${ACTION_WORDS[planned]}; ${who} cannot ${ACTION_WORDS[planned]}, so the guard will ${ACTION_WORDS[done]}` };
  });
  const failing = stages.filter((_, i) => items[i]!.outcome === 'fail');
  const warned = stages.filter((_, i) => items[i]!.outcome === 'warn');
  if (failing.length > 0) {
    const done = failureActionFor(target, 'rollback');
    return check('failure_actions', {
      finding: `${capital(listed(failing.map(stageName)))} ${failing.length === 1 ? 'plans' : 'plan'} to roll back on failure, which ${who} cannot do.`,
      fix: `Set onFailure: ${done} for ${listed(failing.map(stageName))} — the stop ${who} has — and keep a fixed build ready to ship as a new version.`,
      items,
    });
  }
  const actions = [...new Set(stages.map((s) => ACTION_WORDS[failureActionFor(target, s.onFailure)]))];
  if (warned.length > 0) {
    const first = warned[0]!;
    return check('failure_actions', {
      finding: `Every stage stops on failure, but ${stageName(first)} says ${ACTION_WORDS[first.onFailure]}, which ${who} does as ${ACTION_WORDS[failureActionFor(target, first.onFailure)]}.`,
      fix: `Set onFailure to what ${who} really does (${listed(warned.map((s) => `${stageName(s)}: ${failureActionFor(target, s.onFailure)}`))}), so the plan says what will happen.`,
      items,
    });
  }
  return check('failure_actions', { finding: `Every stage stops on failure with an action ${who} can take (${listed(actions)}).`, fix: null, items });
}
