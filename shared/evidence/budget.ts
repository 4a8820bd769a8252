// How the rollout's α is split, by a fixed rule stated up front (a weighted Bonferroni split, so
// the bound holds for any dependence between the tests). Each gate's failure side runs over the whole
// rollout (its evidence carries from stage to stage), so α is split equally over the plan's gates
// (distinct gate ids of its gated stages), then half to a gate's total and half over its segments.
import type { JudgeOptions } from './options.ts';

export interface BudgetShape {
  /** Distinct gates of the plan's gated stages. */
  gates: number;
  /** The gate judges segments. */
  hasSegments: boolean;
  /** Segments of this gate seen so far (all its dimensions). */
  segmentsSeen: number;
}

/** What a plan's split rests on: its distinct gates (of gated stages) and how many stages are gated. */
export function planBudget(stages: readonly { gates: readonly { id: string }[] }[]): { gates: number; gatedStages: number } {
  const gated = stages.filter((s) => s.gates.length > 0);
  return { gates: new Set(gated.flatMap((s) => s.gates.map((g) => g.id))).size, gatedStages: gated.length };
}

export function gateAlpha(options: JudgeOptions, shape: Pick<BudgetShape, 'gates'>): number {
  return options.alpha / Math.max(1, shape.gates);
}

/** The failure-side α of one test: the gate's total, or one of its segments. */
export function unitAlpha(options: JudgeOptions, shape: BudgetShape, unit: 'total' | 'segment'): number {
  const gate = gateAlpha(options, shape);
  if (!shape.hasSegments) return gate;
  if (unit === 'total') return gate / 2;
  return gate / 2 / Math.max(options.segmentBudget, shape.segmentsSeen);
}
