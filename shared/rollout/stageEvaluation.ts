// One look at a release's current stage as the core judged it: kept verbatim in a decision's evidence,
// so it has a schema like anything else that is stored.
import { z } from 'zod';
import { GateResult, Outcome } from '../gates/types.ts';
import { GuardStep, OverrideReasonCode } from './guardRules.ts';

/** A person's override of one failing gate, until it expires. */
export const GateOverride = z.object({
  id: z.string(),
  releaseId: z.string(),
  stageIndex: z.number().int().min(0),
  gateId: z.string(),
  reasonCode: OverrideReasonCode,
  decisionId: z.string(),
  expiresAt: z.number().int(),
  createdAt: z.number().int(),
});
export type GateOverride = z.infer<typeof GateOverride>;

export const StageEvaluation = z.object({
  releaseId: z.string(),
  stageIndex: z.number().int().min(0),
  stageLabel: z.string(),
  evaluatedAt: z.number().int(),
  /** The stage's data judged: from its start to the look. */
  windowStart: z.number().int(),
  windowEnd: z.number().int(),
  results: z.array(GateResult),
  /** The gates' own verdict, and the verdict once a person's unexpired overrides are applied. */
  verdict: Outcome,
  effective: Outcome,
  overrides: z.array(GateOverride),
  canarySamples: z.number(),
  step: GuardStep,
});
export type StageEvaluation = z.infer<typeof StageEvaluation>;
