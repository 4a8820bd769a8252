import type { BacktestRow, InputIssue, Plan, ScheduleRow } from '../../../shared/index.ts';

export interface BacktestInput {
  plan: Plan;
  samples: readonly BacktestRow[];
  schedule: readonly ScheduleRow[];
  lookEveryMs?: number | undefined;
}

/** A backtest cannot run on what it was given; `issues` name the offending rows. */
export class BacktestInputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).slice(0, 5).join('; '));
    this.name = 'BacktestInputError';
    this.issues = issues;
  }
}

/** At most this many looks in one backtest: a year of looks a minute is already far past any recording. */
export const MAX_LOOKS = 600_000;

/** What makes a backtest impossible (as opposed to a guard decision): an empty or out-of-plan schedule, no samples. */
export function inputIssues(input: BacktestInput): InputIssue[] {
  const issues: InputIssue[] = [];
  const { plan, schedule, samples } = input;
  if (schedule.length === 0) issues.push({ path: 'schedule', message: 'the schedule needs at least one row' });
  schedule.forEach((row, i) => {
    if (row.stage >= plan.stages.length) issues.push({ path: `schedule.${i}.stage`, message: `the plan has stages 0 to ${plan.stages.length - 1}` });
    const prev = schedule[i - 1];
    if (prev && row.t <= prev.t) issues.push({ path: `schedule.${i}.t`, message: 'schedule times must increase from row to row' });
  });
  if (samples.length === 0) issues.push({ path: 'samples', message: 'there are no samples to replay' });
  const every = input.lookEveryMs;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1000)) issues.push({ path: 'lookEveryMs', message: 'looks must be at least a second apart' });
  return issues;
}
