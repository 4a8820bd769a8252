// The count model's per-stratum sums, shared by the guard's folds and the bench's one-look oracle:
// each stratum's canary events, conditional on its own events, are binomial with its traffic split
// at the ratio r, so an interval's score and the common (Mantel-Haenszel) ratio are sums over strata.
import type { CellPair, UnitInterval } from './units.ts';

/**
 * An interval's strata: its cells where the unit is pooled from them (each cohort compared with its
 * own baseline in the same cell), else the unit itself. Conditional on each stratum's events, the
 * canary's are binomial with that stratum's own traffic split, so the strata's likelihood ratios for
 * a ratio common to all multiply: a canary whose traffic falls on the cells in other proportions
 * than the baseline's (a canary in one region's cluster, an early-adopter device mix) is judged on its
 * ratio within each cell, not on the mix. Where every cell's split is the same it is the pooled test.
 * Asked only of an interval with both cohorts, or with cells.
 */
export const strataOf = (p: UnitInterval): readonly CellPair[] => p.cells ?? [{ canary: p.canary!, baseline: p.baseline! }];

/**
 * Σ (observed − expected) and Σ binomial variance of the strata's canary events at ratio r; strata
 * without an event, or whose split leaves the canary all or none of it, add nothing.
 */
export function stratumScore(strata: readonly CellPair[], r: number): { u: number; v: number } {
  let u = 0;
  let v = 0;
  for (const c of strata) {
    const x = c.canary.events + c.baseline.events;
    if (!(x > 0)) continue;
    const share = (r * c.canary.trials) / (r * c.canary.trials + c.baseline.trials);
    if (share <= 0 || share >= 1) continue;
    u += c.canary.events - x * share;
    v += x * share * (1 - share);
  }
  return { u, v };
}

/**
 * One interval's squared Pearson residual of the stratified count at ratio r: (Σ observed − expected)²
 * over Σ binomial variances, one χ²₁ per interval under the model whatever the number of cells; null
 * when no stratum has an event to judge.
 */
export function intervalResidual(strata: readonly CellPair[], r: number): number | null {
  const { u, v } = stratumScore(strata, r);
  return v > 0 ? (u * u) / v : null;
}

/** The strata's Mantel-Haenszel terms: Σ of the first over Σ of the second estimates the common rate ratio. */
export function mantelHaenszelTerms(strata: readonly CellPair[]): [number, number] {
  let num = 0;
  let den = 0;
  for (const c of strata) {
    const n = c.canary.trials + c.baseline.trials;
    num += (c.canary.events * c.baseline.trials) / n;
    den += (c.baseline.events * c.canary.trials) / n;
  }
  return [num, den];
}
