import { z } from 'zod';
import { FailureAction, PromotionMode, TargetKind, type Stage } from '../domain/release.ts';
import type { MetricName } from '../domain/metrics.ts';
import { KpiGate, RelativeGate, ThresholdGate } from '../gates/types.ts';
import { JudgeOptions } from '../evidence/options.ts';
import { MetricMapping } from '../sources/mapping.ts';
import { Duration, durationSeconds } from './duration.ts';

export { Duration, durationSeconds, formatDuration } from './duration.ts';

/** Far more than a stage needs; the bound keeps a hostile plan from being checked item by item. */
export const MAX_GATES_PER_STAGE = 50;

/** A gate as a plan writes it: a key it does not know is a misspelling (minSampels), refused as at the stage's level, not dropped. */
const PlanGate = z.discriminatedUnion('kind', [ThresholdGate.strict(), RelativeGate.strict(), KpiGate.strict()]);

export const PlanStage = z
  .object({
    /** A stage's name on screen; "5%" when a plan leaves it out. */
    label: z.string().min(1).max(40).optional(),
    exposure: z.number().min(0).max(100),
    minSoak: Duration.default(0),
    minSamples: z.number().int().min(0).default(0),
    promotion: PromotionMode.default('manual'),
    onFailure: FailureAction.default('pause'),
    gates: z.array(PlanGate).max(MAX_GATES_PER_STAGE, `at most ${MAX_GATES_PER_STAGE} gates per stage`).default([]),
  })
  .strict()
  .transform(({ label, ...stage }) => ({ label: label ?? `${stage.exposure}%`, ...stage }));
export type PlanStage = z.infer<typeof PlanStage>;

export const Plan = z
  .object({
    name: z.string().min(1).max(120),
    target: TargetKind,
    stages: z.array(PlanStage).min(1, 'a plan needs at least one stage').max(20, 'at most 20 stages'),
    /** How the guard judges this plan's gates (α budget, minimum evidence, τ); the defaults when absent. */
    judge: JudgeOptions.optional(),
    /** Where the gate metrics come from (a connection and its queries); absent = the simulator or push. */
    metrics: MetricMapping.optional(),
  })
  .strict()
  .superRefine((plan, ctx) => {
    plan.stages.forEach((stage, i) => {
      const prev = plan.stages[i - 1];
      if (prev && stage.exposure < prev.exposure) {
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'exposure'], message: `exposure must not go down (stage ${i} has ${prev.exposure}%)` });
      }
      const ids = new Set<string>();
      stage.gates.forEach((g, j) => {
        if (ids.has(g.id)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'gates', j, 'id'], message: `gate id "${g.id}" is used twice in this stage` });
        ids.add(g.id);
      });
    });
    const last = plan.stages.at(-1);
    if (last && last.exposure !== 100) {
      ctx.addIssue({ code: 'custom', path: ['stages', plan.stages.length - 1, 'exposure'], message: 'the last stage must reach 100%' });
    }
  });
export type Plan = z.infer<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;

/** A plan's stages in the shape a release stores them. */
/** The metrics a plan's (or a release's) stages gate, each once, in the order the gates name them. */
export const gateMetricsOf = (stages: readonly { gates: readonly { metric: MetricName }[] }[]): MetricName[] => [...new Set(stages.flatMap((s) => s.gates.map((g) => g.metric)))];

export function stagesOfPlan(plan: Plan): Omit<Stage, 'index' | 'startedAt'>[] {
  return plan.stages.map((s) => ({
    label: s.label,
    exposurePct: s.exposure,
    minSoakSeconds: durationSeconds(s.minSoak),
    minSamples: s.minSamples,
    promotion: s.promotion,
    onFailure: s.onFailure,
    gates: s.gates,
  }));
}

/** The plan a release is following, for export and editing. */
export function planOfStages(name: string, target: TargetKind, stages: readonly Omit<Stage, 'index' | 'startedAt'>[], judge?: JudgeOptions, metrics?: MetricMapping | null): Plan {
  return {
    name,
    target,
    ...(judge ? { judge } : {}),
    ...(metrics ? { metrics } : {}),
    stages: stages.map((s) => ({
      label: s.label,
      exposure: s.exposurePct,
      minSoak: s.minSoakSeconds,
      minSamples: s.minSamples,
      promotion: s.promotion,
      onFailure: s.onFailure,
      gates: s.gates,
    })),
  };
}
