import { z } from 'zod';
import { TargetKind } from './release.ts';
import { Plan } from '../plans/plan.ts';
import { DAY_MS } from '../time.ts';

export const PHASES = ['feature_cutoff', 'stabilization', 'validation', 'submission', 'staged_rollout', 'full_release'] as const;
export const PhaseName = z.enum(PHASES);
export type PhaseName = z.infer<typeof PhaseName>;

export const PHASE_LABELS: Record<PhaseName, string> = {
  feature_cutoff: 'Feature cutoff',
  stabilization: 'Stabilization',
  validation: 'Validation',
  submission: 'Submission',
  staged_rollout: 'Staged rollout',
  full_release: 'Full release',
};

export const PhaseTemplate = z
  .object({
    phase: PhaseName,
    /** Days after the train's kickoff. */
    offsetDays: z.number().min(0).max(90),
    owner: z.string().min(1).max(80),
    checklist: z.array(z.string().min(1).max(120)).max(30).default([]),
  })
  .strict();
export type PhaseTemplate = z.infer<typeof PhaseTemplate>;

export const DEFAULT_PHASES: PhaseTemplate[] = [
  { phase: 'feature_cutoff', offsetDays: 0, owner: 'release captain', checklist: ['Release branch cut', 'Release notes drafted'] },
  { phase: 'stabilization', offsetDays: 1, owner: 'release captain', checklist: ['Blocking bugs triaged'] },
  { phase: 'validation', offsetDays: 3, owner: 'QA lead', checklist: ['Regression suite green', 'QA sign-off'] },
  { phase: 'submission', offsetDays: 4, owner: 'release captain', checklist: ['Build submitted'] },
  { phase: 'staged_rollout', offsetDays: 5, owner: 'on-call', checklist: ['Gates reviewed', 'On-call briefed'] },
  { phase: 'full_release', offsetDays: 12, owner: 'release captain', checklist: ['Flag cleanup scheduled'] },
];

/**
 * A version a train cuts: numbers with dots (4.3.0, 2026.11.3, an optional leading v), then
 * optionally a pre-release or build suffix (-rc.1, +build.7). "-1" or "latest" is not a version.
 */
export const TrainVersion = z
  .string()
  .trim()
  .min(1, 'give the version to cut, e.g. 4.3.0')
  .max(40, 'a version is at most 40 characters')
  .regex(/^v?\d+(\.\d+)*([-+][0-9A-Za-z][0-9A-Za-z.-]*)?$/, 'a version is numbers with dots, like 4.3.0 or 2026.11.3, and may end in -rc.1 or +build.7');

/** People in a monitoring rotation: a team's worth, with room to spare. */
export const MAX_ROTATION = 50;

const trainFields = {
  id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and - only'),
  name: z.string().min(1).max(120),
  app: z.string().min(1).max(120),
  target: TargetKind,
  /** 7 = weekly, 14 = every two weeks; anything from 1 to 90 days for a custom cadence. */
  cadenceDays: z.number().int().min(1).max(90),
  /** The first run's kickoff; later runs follow the cadence from it, same weekday and time. */
  firstKickoff: z.number().int(),
  phases: z.array(PhaseTemplate).min(1).max(PHASES.length, `at most ${PHASES.length} phases`).default(DEFAULT_PHASES),
  /** Who watches the rollouts, one per run in turn. */
  rotation: z.array(z.string().min(1).max(80)).min(1).max(MAX_ROTATION, `at most ${MAX_ROTATION} people`),
  plan: Plan,
};
type TrainFields = z.infer<z.ZodObject<typeof trainFields>>;

function checkTrain(t: TrainFields, ctx: z.RefinementCtx): void {
  t.phases.forEach((p, i) => {
    const prev = t.phases[i - 1];
    if (prev && p.offsetDays < prev.offsetDays) ctx.addIssue({ code: 'custom', path: ['phases', i, 'offsetDays'], message: 'phases must be in time order' });
    // Ticks are stored by item text, so the same text twice on one checklist would share one tick.
    p.checklist.forEach((item, j) => {
      if (p.checklist.indexOf(item) !== j) ctx.addIssue({ code: 'custom', path: ['phases', i, 'checklist', j], message: 'already on this checklist' });
    });
  });
  if (t.plan.target !== t.target) ctx.addIssue({ code: 'custom', path: ['plan', 'target'], message: `the plan is for ${t.plan.target}, the train ships to ${t.target}` });
}

export const TrainInput = z.object(trainFields).strict().superRefine(checkTrain);
export type TrainInput = z.infer<typeof TrainInput>;

/** What saveTrain takes: a train, and for an edit the `version` of the train it was opened on. */
export const SaveTrainInput = z
  .object({ ...trainFields, baseVersion: z.number().int().min(1).optional() })
  .strict()
  .superRefine(checkTrain);
export type SaveTrainInput = z.infer<typeof SaveTrainInput>;

export type TrainField = keyof TrainInput;

export const TRAIN_FIELD_LABELS: Record<TrainField, string> = {
  id: 'id',
  name: 'name',
  app: 'app',
  target: 'target',
  cadenceDays: 'cadence',
  firstKickoff: 'kickoff schedule',
  phases: 'phases',
  rotation: 'monitoring rotation',
  plan: 'plan',
};

/** A train's fields as edit events name them: the keys of the labels, so every field of a train is one. */
export const TrainFieldName = z.enum(Object.keys(TRAIN_FIELD_LABELS) as [TrainField, ...TrainField[]]);

/** The fields an edit changes; a list compares in order, since phase order and rotation order mean something. */
export function changedTrainFields(before: TrainInput, after: TrainInput): TrainField[] {
  return (Object.keys(TRAIN_FIELD_LABELS) as TrainField[]).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

export const ChecklistItem = z.object({ item: z.string(), checked: z.boolean(), by: z.string().nullable(), at: z.number().int().nullable() });

export const PhaseView = z.object({
  phase: PhaseName,
  label: z.string(),
  owner: z.string(),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  state: z.enum(['done', 'current', 'upcoming']),
  /** Its time is over and something on its checklist is still unchecked. */
  overdue: z.boolean(),
  checklist: z.array(ChecklistItem),
});
export type PhaseView = z.infer<typeof PhaseView>;

export const TrainRun = z.object({
  run: z.number().int(),
  label: z.string(),
  kickoffAt: z.number().int(),
  endsAt: z.number().int(),
  monitor: z.string(),
  phases: z.array(PhaseView),
  releaseIds: z.array(z.string()),
});
export type TrainRun = z.infer<typeof TrainRun>;

export interface CheckMark {
  run: number;
  phase: PhaseName;
  item: string;
  by: string;
  at: number;
}


export function runKickoff(train: Pick<TrainInput, 'firstKickoff' | 'cadenceDays'>, run: number): number {
  return train.firstKickoff + run * train.cadenceDays * DAY_MS;
}

/** The run whose kickoff is the latest not after now (0 before the first kickoff). */
export function currentRun(train: Pick<TrainInput, 'firstKickoff' | 'cadenceDays'>, now: number): number {
  return Math.max(0, Math.floor((now - train.firstKickoff) / (train.cadenceDays * DAY_MS)));
}

/**
 * A first kickoff for a new cadence and kickoff time that keeps the number of the run in progress at
 * `now`: ticks and cut releases belong to run numbers, so a schedule edit must not renumber runs.
 * `anchor` is any kickoff time of the new schedule; the run in progress starts at the latest
 * anchor + k × cadence at or before now.
 */
export function rescheduledFirstKickoff(previous: Pick<TrainInput, 'firstKickoff' | 'cadenceDays'>, cadenceDays: number, anchor: number, now: number): number {
  const step = cadenceDays * DAY_MS;
  const inProgress = anchor + Math.floor((now - anchor) / step) * step;
  return inProgress - currentRun(previous, now) * step;
}

/** One run laid out in time: phase dates, which is current, what is overdue, who monitors. */
export function trainRun(train: TrainInput, run: number, now: number, checks: readonly CheckMark[], releaseIds: string[] = []): TrainRun {
  const kickoffAt = runKickoff(train, run);
  const last = train.phases.at(-1)!;
  const endsAt = kickoffAt + (last.offsetDays + 1) * DAY_MS;
  const phases = train.phases.map((p, i): PhaseView => {
    const startsAt = kickoffAt + p.offsetDays * DAY_MS;
    const next = train.phases[i + 1];
    const phaseEnd = next ? kickoffAt + next.offsetDays * DAY_MS : endsAt;
    const checklist = p.checklist.map((item) => {
      const mark = checks.find((c) => c.run === run && c.phase === p.phase && c.item === item);
      return { item, checked: Boolean(mark), by: mark?.by ?? null, at: mark?.at ?? null };
    });
    const state = now >= phaseEnd ? 'done' : now >= startsAt ? 'current' : 'upcoming';
    return {
      phase: p.phase,
      label: PHASE_LABELS[p.phase],
      owner: p.owner,
      startsAt,
      endsAt: phaseEnd,
      state,
      overdue: state === 'done' && checklist.some((c) => !c.checked),
      checklist,
    };
  });
  return {
    run,
    label: `${train.name} #${run + 1}`,
    kickoffAt,
    endsAt,
    monitor: train.rotation[run % train.rotation.length]!,
    phases,
    releaseIds,
  };
}

/** The full-release time of the run current at `at`, plus n cadences: when a train-relative flag expires. */
export function trainRelativeExpiry(train: TrainInput, at: number, trainsAfterFull: number): number {
  const run = currentRun(train, at);
  const full = train.phases.find((p) => p.phase === 'full_release') ?? train.phases.at(-1)!;
  return runKickoff(train, run) + full.offsetDays * DAY_MS + trainsAfterFull * train.cadenceDays * DAY_MS;
}
