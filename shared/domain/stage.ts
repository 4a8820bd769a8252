// A plan's stage and the actions a rollout takes: apart from release.ts so a decision's evidence,
// which holds the stage, can be typed without importing the release that holds the decision.
import { z } from 'zod';
import { Gate } from '../gates/types.ts';

export const Action = z.enum(['start', 'promote', 'pause', 'resume', 'halt', 'rollback', 'complete']);
export type Action = z.infer<typeof Action>;

export const PromotionMode = z.enum(['automatic', 'manual']);
export const FailureAction = z.enum(['pause', 'halt', 'rollback']);
export type FailureAction = z.infer<typeof FailureAction>;
export type PromotionMode = z.infer<typeof PromotionMode>;

export const Stage = z.object({
  index: z.number().int().min(0),
  label: z.string(),
  exposurePct: z.number().min(0).max(100),
  minSoakSeconds: z.number().int().min(0),
  minSamples: z.number().int().min(0),
  promotion: PromotionMode,
  onFailure: FailureAction,
  gates: z.array(Gate),
  startedAt: z.number().int().nullable(),
});
export type Stage = z.infer<typeof Stage>;
