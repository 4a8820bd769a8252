// The canary's true effect, and whether it lies beyond the plan's own gate: judged the way the gate
// judges (its limit, on the total and on every segment it splits by), on the true levels, not on noise.
import type { MetricName } from '../../domain/metrics.ts';
import { limitFor } from '../../gates/evaluate.ts';
import type { Plan } from '../../plans/plan.ts';
import { gatedScopes, inScope, pooledLevel, type Cell, type Scope } from './cells.ts';
import { gateFor } from './plans.ts';
import type { Effect } from './types.ts';

/** The level a metric's effect multiplies in a cell (errors, crashes and conversions as fractions). */
function baseLevel(metric: MetricName, cell: Cell): number {
  switch (metric) {
    case 'error_rate':
      return cell.errorRate;
    case 'p95_latency_ms':
      return cell.latencyScale;
    case 'crash_free_users':
      return cell.crashRate;
    case 'kpi_conversion':
      return cell.conversion;
    default:
      throw new Error(`the scenario corpus does not model ${metric}`);
  }
}

/**
 * The factor on a cell's level. A conversion shift of δ points is applied in proportion to each
 * cell's rate, (1 + δ / P̄) with P̄ the scope's pooled rate, so the pooled shift is exactly δ and no
 * cell's rate goes below zero.
 */
export function effectFactor(effect: Effect, cells: readonly Cell[], scope: Scope): number {
  if (effect.metric !== 'kpi_conversion') return effect.size;
  const pooledPoints = 100 * pooledLevel(cells, scope, (c) => c.conversion);
  return 1 + effect.size / pooledPoints;
}

/** A cohort's true value in a segment, in the metric's unit (p95 relative to the law's own p95 = 1). */
function trueValue(metric: MetricName, cells: readonly Cell[], segment: Scope, factor: (c: Cell) => number): number {
  const level = pooledLevel(cells, segment, (c) => baseLevel(metric, c) * factor(c));
  switch (metric) {
    case 'error_rate':
    case 'kpi_conversion':
      return 100 * level;
    case 'p95_latency_ms':
      return level;
    case 'crash_free_users':
      return 100 * (1 - level);
    default:
      throw new Error(`the scenario corpus does not model ${metric}`);
  }
}

export interface Tolerance {
  beyond: boolean;
  /** A segment where the true canary breaks the gate, when one does (null scope = the total). */
  breaks: Scope | undefined;
}

/** Does this effect, on the cells in its scope, break the plan's gate on the total or on a judged segment? */
export function tolerance(plan: Plan, cells: readonly Cell[], effect: Effect, scope: Scope): Tolerance {
  const gate = gateFor(plan, effect.metric);
  if (!gate) return { beyond: false, breaks: undefined };
  const factor = effectFactor(effect, cells, scope);
  const canaryFactor = (c: Cell) => (inScope(c, scope) ? factor : 1);
  const breaks = gatedScopes(cells, gate.segments).find((segment) => {
    const canary = trueValue(effect.metric, cells, segment, canaryFactor);
    const limit = limitFor(gate, trueValue(effect.metric, cells, segment, () => 1));
    return limit !== null && (gate.op === 'gte' ? canary < limit : canary > limit);
  });
  return { beyond: breaks !== undefined, breaks };
}
