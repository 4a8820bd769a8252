import { z } from 'zod';
import { OverrideReasonCode } from '../rollout/guardRules.ts';
import { Plan } from '../plans/plan.ts';
import { StageEvaluation } from '../rollout/stageEvaluation.ts';
import { Action } from './stage.ts';
import { TrainInput, TrainRun } from './trains.ts';

export { OverrideReasonCode } from '../rollout/guardRules.ts';

export const GateOverrideView = z.object({
  gateId: z.string(),
  reasonCode: OverrideReasonCode,
  expiresAt: z.number().int(),
  decisionId: z.string(),
});

/** The current stage judged now: what the guard sees and what it will do next. */
export const GateStatus = StageEvaluation.omit({ stageLabel: true, overrides: true, step: true }).extend({
  overrides: z.array(GateOverrideView),
  next: z.object({ kind: z.enum(['none', 'act', 'request_approval']), action: Action.nullable(), why: z.string() }),
});
export type GateStatus = z.infer<typeof GateStatus>;

export const PlanView = z.object({
  releaseId: z.string(),
  plan: Plan,
  yaml: z.string(),
  /** Stages before this index have run (or are running) and are history; the rest may be edited. */
  editableFrom: z.number().int(),
});
export type PlanView = z.infer<typeof PlanView>;

export const TrainView = z.object({
  train: TrainInput,
  current: TrainRun,
  next: TrainRun,
  createdAt: z.number().int(),
  /** Counts edits of the train; an edit names the version it was based on. */
  version: z.number().int().min(1),
});
export type TrainView = z.infer<typeof TrainView>;

export { TimelineEntry } from './timeline.ts';
