import type { Outcome } from '../../shared/gates/types.ts';
import { OUTCOME_LABEL } from '../lib/labels.ts';

/** A gate's verdict; the word is always there, the colour only repeats it. */
export function OutcomeBadge({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  return (
    <span className={`badge outcome-${outcome}`} data-testid={testId}>
      {OUTCOME_LABEL[outcome]}
    </span>
  );
}
