import { z } from 'zod';
import type { Release, TargetKind } from '../domain/release.ts';
import { Action, type FailureAction, type Stage } from '../domain/stage.ts';
import type { GateResult, Outcome } from '../gates/types.ts';
import { allowedActions } from './stateMachine.ts';
import { unpairedWaitText } from '../evidence/summary.ts';
import { ACTION_WORDS, countText, STATUS_WORDS } from '../domain/words.ts';
import { formatDuration, formatSoakProgress } from '../plans/duration.ts';

export const OverrideReason = ['known_issue', 'false_positive', 'metric_broken', 'business_critical'] as const;
export const OverrideReasonCode = z.enum(OverrideReason);

/** Actions that carry on with the rollout: taking one against failing gates needs an explicit override. */
export const ACTIONS_NEEDING_OVERRIDE: readonly Action[] = ['start', 'promote', 'resume', 'complete'];
export type OverrideReason = (typeof OverrideReason)[number];

/** What the guard does with a stage's verdict. */
export const GuardStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), why: z.string() }),
  z.object({ kind: z.literal('act'), action: Action, why: z.string() }),
  z.object({ kind: z.literal('request_approval'), why: z.string() }),
]);
export type GuardStep = z.infer<typeof GuardStep>;

/**
 * The failure action the stage asks for, mapped onto what the target can really do: Play cannot
 * pause (it halts), the App Store can neither halt nor roll back (it pauses).
 */
export function failureActionFor(target: TargetKind, wanted: FailureAction): Action {
  if (target === 'play' && wanted === 'pause') return 'halt';
  if (target === 'app_store') return 'pause';
  return wanted;
}

export interface GuardInput {
  release: Pick<Release, 'status' | 'stageIndex' | 'target' | 'pausedMsTotal' | 'pausedAt'> & { approvalRequestedAt: number | null };
  stage: Stage;
  stageCount: number;
  results: readonly GateResult[];
  /** Gate ids whose failure a person overrode, until the override expires. */
  overridden: ReadonlySet<string>;
  canarySamples: number;
  now: number;
  /** Pushed rows the look waits for (a cohort behind the others), in words: a pass does not promote before they are judged. */
  waitingFor?: string | null;
}

/** The gates that fail and that no person overrode: what stops a stage and what a stop names. */
export function failingGates(results: readonly GateResult[], overridden: ReadonlySet<string>): GateResult[] {
  return results.filter((r) => r.outcome === 'fail' && !overridden.has(r.gateId));
}

/** The verdict after overrides: an overridden failing gate no longer fails the stage. */
export function effectiveOutcome(results: readonly GateResult[], overridden: ReadonlySet<string>): Outcome {
  const outcomes = results.map((r) => (r.outcome === 'fail' && overridden.has(r.gateId) ? 'pass' : r.outcome));
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.includes('no_data')) return 'no_data';
  if (outcomes.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}

/** Pure: the guard's next step for one rolling stage. Inconclusive or missing data never promotes. */
export function guardStep(input: GuardInput): GuardStep {
  const { release, stage, results, now } = input;
  if (release.status !== 'rolling') return { kind: 'none', why: `release is ${STATUS_WORDS[release.status]}` };
  const verdict = effectiveOutcome(results, input.overridden);
  const allowed = allowedActions(release, input.stageCount, now);
  if (verdict === 'fail') {
    const failing = failingGates(results, input.overridden);
    const action = failureActionFor(release.target, stage.onFailure);
    const why = `gate failed: ${failing.map((r) => r.summary).join(' | ')}`;
    return allowed.includes(action) ? { kind: 'act', action, why } : { kind: 'none', why: `${why}; but ${ACTION_WORDS[action]} is not possible now` };
  }
  if (verdict !== 'pass') {
    const stale = results.find((r) => r.stale)?.stale;
    if (stale) return { kind: 'none', why: `not promoting on stale data: ${stale.why}` };
    // Which rows the look waits for is the more useful half: without them the verdict cannot move.
    return { kind: 'none', why: `gates ${verdict.replace('_', ' ')}: waiting for ${input.waitingFor ?? unpairedWaitText(results) ?? 'more data'}` };
  }
  if (input.waitingFor) return { kind: 'none', why: `not promoting while waiting for ${input.waitingFor}` };
  const soakedMs = stage.startedAt === null ? 0 : now - stage.startedAt;
  if (soakedMs < stage.minSoakSeconds * 1000) return { kind: 'none', why: `soaking: ${formatSoakProgress(soakedMs, stage.minSoakSeconds)}` };
  if (input.canarySamples < stage.minSamples) return { kind: 'none', why: `${countText(input.canarySamples)} of ${countText(stage.minSamples)} samples` };
  const next: Action = release.stageIndex >= input.stageCount - 1 ? 'complete' : 'promote';
  // A stage without gates has nothing that passed, and a soak of none is no soak.
  const passed = results.length === 0 ? 'no gates to pass' : 'all gates passed';
  const soaked = stage.minSoakSeconds > 0 ? `, after the minimum soak of ${formatDuration(stage.minSoakSeconds)}` : '';
  if (stage.promotion === 'manual') {
    return release.approvalRequestedAt === null
      ? { kind: 'request_approval', why: `${passed}${soaked}: ready to ${ACTION_WORDS[next]}` }
      : { kind: 'none', why: 'awaiting approval' };
  }
  return allowed.includes(next) ? { kind: 'act', action: next, why: `${passed}${soaked}` } : { kind: 'none', why: `${ACTION_WORDS[next]} is not possible now` };
}
