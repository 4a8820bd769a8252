// The two plans the corpus replays: the default Play plan as it ships, and the default service gates
// on the Play plan's stages, so both kinds of rollout meet the same 1→5→20→50→100 exposure ramp.
import type { MetricName } from '../../domain/metrics.ts';
import type { Gate } from '../../gates/types.ts';
import { defaultPlan } from '../../plans/defaults.ts';
import { gateMetricsOf, Plan } from '../../plans/plan.ts';

export type PlanKind = 'play' | 'service';

export const STAGE_EXPOSURES = [1, 5, 20, 50, 100] as const;

function servicePlan(): Plan {
  const service = defaultPlan('service');
  // The first gated stage of the default service plan carries its gates, soak and samples.
  const gated = service.stages.find((s) => s.gates.length > 0);
  if (!gated) throw new Error('the default service plan has no gated stage');
  return Plan.parse({
    name: 'Service canary (1 → 5 → 20 → 50 → 100)',
    target: 'service',
    stages: STAGE_EXPOSURES.map((exposure, i) => {
      const last = i === STAGE_EXPOSURES.length - 1;
      return { ...gated, label: `${exposure}%`, exposure, minSoak: last ? 0 : gated.minSoak, minSamples: last ? 0 : gated.minSamples, gates: last ? [] : gated.gates };
    }),
  });
}

export function planFor(kind: PlanKind): Plan {
  const plan = kind === 'play' ? defaultPlan('play') : servicePlan();
  const exposures = plan.stages.map((s) => s.exposure);
  if (exposures.join() !== STAGE_EXPOSURES.join()) throw new Error(`the ${kind} plan's stages are ${exposures.join(' → ')}, not 1 → 5 → 20 → 50 → 100`);
  return plan;
}

/** The gate that judges a metric in a plan (the first gated stage's; the defaults gate every stage alike). */
export function gateFor(plan: Plan, metric: MetricName): Gate | null {
  return plan.stages[0]?.gates.find((g) => g.metric === metric) ?? null;
}

export const gatedMetrics = (plan: Plan): MetricName[] => gateMetricsOf(plan.stages);
