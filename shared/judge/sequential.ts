// Repeated looks without inflated false alarms: a mixture sequential probability ratio test (mSPRT,
// Robbins 1970; Johari, Pekelis & Walsh 2017) on the normal approximation of the Mann-Whitney U.
//
// Under the null hypothesis the standardized U of accumulating samples behaves like Brownian motion
// in the information I = m·n/(m+n): S = z·√I ~ N(θ·I, I), θ the standardized shift (for a pure
// location shift θ ≈ √12·(P(canary > baseline) − ½)). Mixing the likelihood ratio exp(θS − θ²I/2)
// over a prior θ ~ N(0, τ²) (two-sided) or half-normal (one-sided, the bad direction only) gives Λ,
// a nonnegative martingale with Λ₀ = 1. Ville's inequality: P(Λ ever reaches 1/α) ≤ α, however
// many looks and whenever they happen. So: reject at the first look where Λ ≥ 1/α; the always-valid
// p-value is min(1, 1/max Λ) over the looks so far. No planned number of looks or sample size.
import { logNormalCdf } from './normal.ts';
import type { SequentialResult, SequentialState, SequentialTestState } from './output.ts';

export interface LookContext {
  /** 1 for the first look; defaults to the state's looks + 1. */
  look?: number;
  /** What the previous look returned; null or absent at the first look. */
  state?: SequentialState | null;
}

/**
 * log Λ for a standardized statistic z (oriented: positive = towards the alternative) at
 * information I. Two-sided mixes over θ ~ N(0, τ²); one-sided over θ ~ |N(0, τ²)|, θ > 0.
 */
export function mixtureLogLikelihoodRatio(z: number, information: number, tau: number, twoSided: boolean): number {
  if (!Number.isFinite(z) || !(information > 0)) return Number.NEGATIVE_INFINITY;
  const v = tau * tau * information;
  const base = -0.5 * Math.log1p(v) + (v * z * z) / (2 * (1 + v));
  if (twoSided) return base;
  return Math.LN2 + base + logNormalCdf((tau * z * Math.sqrt(information)) / Math.sqrt(1 + v));
}

/** One test's look: folds this look's Λ into the running state and says whether 1/α was reached. */
export function sequentialLook(
  logLR: number,
  alpha: number,
  information: number,
  tau: number,
  look: number,
  previous: SequentialTestState | undefined,
): { result: SequentialResult; state: SequentialTestState } {
  const pNow = Math.min(1, Math.exp(-logLR));
  const p = Math.min(previous?.p ?? 1, pNow);
  const crossedNow = logLR >= -Math.log(alpha);
  const crossedAtLook = previous?.crossedAtLook ?? (crossedNow ? look : null);
  const state = { p, crossedAtLook };
  return {
    state,
    result: {
      method: 'mSPRT',
      look,
      tau,
      information,
      logLikelihoodRatio: Number.isFinite(logLR) ? logLR : null,
      alwaysValidP: p,
      boundary: 1 / alpha,
      crossed: crossedAtLook !== null,
      crossedAtLook,
    },
  };
}
