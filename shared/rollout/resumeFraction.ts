// Resuming a halted Google Play rollout at a fraction of one's choosing: one rule for the core's
// refusal and the dialog's own check, in the same words.
import type { Stage, TargetKind } from '../domain/release.ts';
import { labelOf, resumesAtAnyFraction } from './stateMachine.ts';

/** Play takes a user fraction; a hundredth of a percent is finer than any rollout needs. */
export const FRACTION_DECIMALS = 2;

export interface ResumeRange {
  /** The stage's own exposure: what a resume without a fraction of its own goes back to, unless one was chosen before. */
  planned: number;
  /** A chosen fraction stays below this: the next stage's exposure (its promote must raise it), or 100 % at the last stage (that is completing). */
  below: number;
  /** The stage a fraction at or above `below` belongs to; null at the last stage. */
  nextLabel: string | null;
}

/** Where a resume of this release may go; null when the release is at no stage. */
export function resumeRange(stages: readonly Pick<Stage, 'exposurePct' | 'label'>[], stageIndex: number): ResumeRange | null {
  const stage = stages[stageIndex];
  if (!stage) return null;
  const next = stages[stageIndex + 1];
  return { planned: stage.exposurePct, below: next ? next.exposurePct : 100, nextLabel: next ? next.label : null };
}

const pct = (v: number) => `${Number(v.toFixed(FRACTION_DECIMALS))} %`;

export interface ResumeFractionInput {
  target: TargetKind;
  stages: readonly Pick<Stage, 'exposurePct' | 'label'>[];
  stageIndex: number;
  exposurePct: number;
}

/**
 * Why a resume cannot run at this fraction, or null when it can: only Google Play resumes at a
 * fraction of its own; it is above 0 and below the next stage's exposure (so the next promote still
 * raises it; 100 % is completing), in hundredths of a percent at most. Above the stage's own
 * exposure it goes further than the stage's checks: unmetToAdvance asks for an override then.
 */
export function resumeFractionProblem({ target, stages, stageIndex, exposurePct }: ResumeFractionInput): string | null {
  if (!resumesAtAnyFraction(target)) return `${labelOf(target)} resumes at its stage's exposure; only a Google Play staged rollout resumes at a fraction you choose`;
  const range = resumeRange(stages, stageIndex);
  if (!range) return 'the release is at no stage to resume';
  if (!Number.isFinite(exposurePct) || exposurePct <= 0) return 'resume at more than 0 %';
  if (Number(exposurePct.toFixed(FRACTION_DECIMALS)) !== exposurePct) return `give the fraction in hundredths of a percent at most (${pct(exposurePct)})`;
  if (range.nextLabel === null) return exposurePct >= 100 ? 'to release to everyone, complete the release' : null;
  if (exposurePct >= range.below) return `resume below ${pct(range.below)}, the next stage (${range.nextLabel}); to go that far, resume and then promote`;
  return null;
}
