// The corpus mix: how many scenarios of each kind, and which plan, metric and scope each gets. Kinds
// come in fixed shares (largest remainder, so a corpus of 300 has exactly 90 healthy); within a kind
// the valid (plan, metric, scope) combinations take turns, so every combination is represented.
import type { MetricName } from '../../domain/metrics.ts';
import { shuffle, type Random } from './draw.ts';
import { gatedMetrics, gateFor, planFor, type PlanKind } from './plans.ts';
import type { Assignment } from './truth.ts';
import type { SegmentDimension, TruthKind } from './types.ts';

export const KIND_SHARES: Record<TruthKind, number> = { healthy: 0.3, improvement: 0.08, subtolerance: 0.07, regression: 0.55 };

export interface Slot extends Assignment {
  planKind: PlanKind;
}

function kindCounts(count: number): Record<TruthKind, number> {
  const kinds = Object.keys(KIND_SHARES) as TruthKind[];
  const exact = kinds.map((k) => KIND_SHARES[k] * count);
  const counts = exact.map(Math.floor);
  const byRemainder = kinds.map((_, i) => i).sort((a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!));
  let left = count - counts.reduce((a, b) => a + b, 0);
  for (const i of byRemainder) {
    if (left === 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return Object.fromEntries(kinds.map((k, i) => [k, counts[i]!])) as Record<TruthKind, number>;
}

/**
 * The scopes a metric's effect can take under a plan: a single segment only in a dimension its gate
 * splits by, or no stop could name it. Each dimension takes its own turns, so device classes are not
 * crowded out by regions.
 */
function scopes(planKind: PlanKind, metric: MetricName): Pick<Slot, 'scope' | 'dimension'>[] {
  const dimensions = (gateFor(planFor(planKind), metric)?.segments ?? []).filter((d): d is SegmentDimension => d === 'region' || d === 'device');
  return [{ scope: 'global' }, { scope: 'late-onset' }, ...dimensions.map((dimension) => ({ scope: 'segment' as const, dimension }))];
}

function combos(kind: TruthKind): Slot[] {
  const plans: PlanKind[] = ['play', 'service'];
  if (kind === 'healthy') return plans.map((planKind) => ({ planKind, kind, scope: 'global' }));
  return plans.flatMap((planKind) =>
    gatedMetrics(planFor(planKind)).flatMap((metric) =>
      (kind === 'improvement' ? [{ scope: 'global' as const }] : scopes(planKind, metric)).map((scope) => ({ planKind, kind, metric, ...scope })),
    ),
  );
}

/** The slots of a corpus of `count`, in a seeded random order. */
export function corpusSlots(random: Random, count: number): Slot[] {
  const counts = kindCounts(count);
  const slots = (Object.keys(counts) as TruthKind[]).flatMap((kind) => {
    const turns = shuffle(random, combos(kind));
    return Array.from({ length: counts[kind] }, (_, j) => turns[j % turns.length]!);
  });
  return shuffle(random, slots);
}
