// How the rollout's α is split, by a fixed rule stated up front (a weighted Bonferroni split, so
// the bound holds for any dependence between the tests): equally over the plan's gated stages,
// equally over a stage's gates, then half to the gate's total and half over its segments.
import type { JudgeOptions } from './options.ts';

export interface BudgetShape {
  /** Stages of the plan that have gates. */
  gatedStages: number;
  /** Gates in this stage. */
  gatesInStage: number;
  /** The gate judges segments. */
  hasSegments: boolean;
  /** Segments of this gate seen so far in the stage (all its dimensions). */
  segmentsSeen: number;
}

export function gateAlpha(options: JudgeOptions, shape: Pick<BudgetShape, 'gatedStages' | 'gatesInStage'>): number {
  return options.alpha / Math.max(1, shape.gatedStages) / Math.max(1, shape.gatesInStage);
}

/** The failure-side α of one test: the gate's total, or one of its segments. */
export function unitAlpha(options: JudgeOptions, shape: BudgetShape, unit: 'total' | 'segment'): number {
  const gate = gateAlpha(options, shape);
  if (!shape.hasSegments) return gate;
  if (unit === 'total') return gate / 2;
  return gate / 2 / Math.max(options.segmentBudget, shape.segmentsSeen);
}
