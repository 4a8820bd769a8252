// Log-likelihood-ratio increments of one paired observation, for each alternative on the grid
// against the null at the gate's margin. Each increment's exponential has expectation ≤ 1 under
// the (composite, one-sided) null, so their running sums mixed over the grid form a test
// supermartingale: Ville's inequality bounds the chance it ever reaches 1/α by α.
import { EFFECT_GRID, logistic } from './grid.ts';

/**
 * Two rates: canary x_c events of n_c trials, baseline x_b of n_b, in the same interval and cell.
 * Given the interval's x = x_c + x_b events, x_c ~ Binomial(x, p(r)), p(r) = r·n_c / (r·n_c + n_b),
 * r the canary/baseline rate ratio (Poisson model; conditioning removes the common level, so drift
 * and incidents hitting both cohorts cancel). Null r = r0; alternatives r0·e^(sign·δ).
 */
export function twoRateIncrements(xc: number, nc: number, xb: number, nb: number, r0: number, sign: 1 | -1, out: Float64Array): void {
  const p0 = (r0 * nc) / (r0 * nc + nb);
  for (let k = 0; k < EFFECT_GRID.length; k += 1) {
    const r = r0 * Math.exp(sign * EFFECT_GRID[k]!);
    const p = (r * nc) / (r * nc + nb);
    out[k] = xc * Math.log(p / p0) + xb * Math.log((1 - p) / (1 - p0));
  }
}

const clampP = (p: number): number => Math.min(1 - 1e-12, Math.max(1e-12, p));

/** One rate against a fixed limit p0 (a threshold): x events of n trials; alternatives p0·e^(sign·δ). */
export function oneRateIncrements(x: number, n: number, p0: number, sign: 1 | -1, out: Float64Array): void {
  const q0 = clampP(p0);
  for (let k = 0; k < EFFECT_GRID.length; k += 1) {
    const p = clampP(q0 * Math.exp(sign * EFFECT_GRID[k]!));
    out[k] = x * Math.log(p / q0) + (n - x) * Math.log((1 - p) / (1 - q0));
  }
}

/**
 * A sign: y = 1 when the canary's value is past the margin in the bad direction. Under the null
 * (no worse than the margin) P(y = 1) ≤ ½; alternatives P = logistic(sign·δ).
 */
export function signIncrements(y: 0 | 1, sign: 1 | -1, out: Float64Array): void {
  for (let k = 0; k < EFFECT_GRID.length; k += 1) {
    const p = logistic(sign * EFFECT_GRID[k]!);
    out[k] = y === 1 ? Math.log(2 * p) : Math.log(2 * (1 - p));
  }
}
