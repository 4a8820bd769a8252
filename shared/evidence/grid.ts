// The alternatives an e-process mixes over: a fixed grid of effect sizes δ (log-ratio beyond the
// test's null for rates, logit of the sign probability for quantiles), weighted by a prior.
// A discrete mixture of likelihood ratios is itself a test martingale, so no integral is needed and
// the state between looks is one running log-likelihood ratio per grid point.

/** δ from 0.02 (a 2 % step beyond the null) to 4 (e⁴ ≈ ×55), evenly on a log scale. */
export const EFFECT_GRID: readonly number[] = Array.from({ length: 16 }, (_, k) => 0.02 * Math.pow(4 / 0.02, k / 15));

/**
 * log prior weights of the grid points: equal per point on the log scale (scale-free for small and
 * medium effects) with a Gaussian cut-off of scale τ, so implausibly large effects cost little
 * weight. Normalised to sum to 1, so the mixture starts at 1.
 */
export function priorLogWeights(tau: number): number[] {
  // Relative to the smallest effect, so a tiny τ (one stored before its floor) leaves all the weight there instead of NaN.
  const d0 = EFFECT_GRID[0]!;
  const raw = EFFECT_GRID.map((d) => (d === d0 ? 0 : -((d - d0) * (d + d0)) / (2 * tau * tau)));
  const norm = logSumExp(raw);
  return raw.map((w) => w - norm);
}

export function logSumExp(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
