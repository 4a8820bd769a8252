import { useId, type RefObject } from 'react';
import type { Stage, TargetKind } from '../../../shared/domain/release.ts';
import { resumeFractionProblem, type ResumeRange } from '../../../shared/rollout/resumeFraction.ts';
import { formatPct } from '../../lib/format.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';

/** The dialog's check of a typed fraction: the shared rule, in a sentence; null when it is fine. */
export function fractionProblemOf(text: string, target: TargetKind, stages: readonly Pick<Stage, 'exposurePct' | 'label'>[], stageIndex: number): string | null {
  if (text.trim() === '') return 'Give the fraction of users to resume at, e.g. 5.';
  const problem = resumeFractionProblem({ target, stages, stageIndex, exposurePct: Number(text) });
  return problem ? `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` : null;
}

/** What the fraction can be, said before it is typed. */
export function fractionHint(current: number, range: ResumeRange): string {
  const limit = range.nextLabel === null ? 'below 100% (that is completing)' : `below ${formatPct(range.below)}, the next stage`;
  const planned = current === range.planned ? '' : ` The stage plans ${formatPct(range.planned)}.`;
  return `Google Play resumes a halted rollout at any fraction: above 0 and ${limit}. It ran at ${formatPct(current)}.${planned} Above ${formatPct(range.planned)} it goes past this stage’s checks.`;
}

export interface ResumeFractionFieldProps {
  range: ResumeRange;
  /** What the release runs at now. */
  current: number;
  value: string;
  problem: string | null;
  /** A new value typed, with its problem checked as it is typed (the range is known here: no round trip). */
  onChange: (value: string, problem: string | null) => void;
  check: (value: string) => string | null;
  inputRef: RefObject<HTMLInputElement | null>;
}

/** A Google Play resume: the fraction of users to resume at, checked as it is typed. */
export function ResumeFractionField({ range, current, value, problem, onChange, check, inputRef }: ResumeFractionFieldProps) {
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  return (
    <div className="field resume-fraction" data-testid="resume-fraction">
      <label htmlFor={id}>Resume at (% of users)</label>
      <input
        id={id}
        ref={inputRef}
        className="input"
        type="number"
        inputMode="decimal"
        min={0.01}
        max={range.below - 0.01}
        step={0.01}
        value={value}
        {...invalidProps(problem ?? undefined, problemId, hintId)}
        onChange={(event) => onChange(event.target.value, event.target.value.trim() === '' ? null : check(event.target.value))}
      />
      <p id={hintId} className="field-hint">
        {fractionHint(current, range)}
      </p>
      <FieldError id={problemId} message={problem ?? undefined} />
    </div>
  );
}
