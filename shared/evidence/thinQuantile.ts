// A quantile of few requests reads better than it is: its bias, bounded in one request's noise, and
// that noise read off an interval series — the guard's pass side allows for the one with the other,
// and the planner reads the noise the same way.
import type { MetricModel } from '../domain/metrics.ts';
import type { TestSums } from './state.ts';
import type { CohortInterval } from './units.ts';

/**
 * How far a sample quantile's bias can reach, in one request's noise c (log scale): a q-quantile of n
 * requests reads low (q > ½) by about κ/n, and κ/c is 1.6–2.9 over lognormal, exponential, gamma and
 * Pareto tails, interpolated or nearest-rank, from 20 to 400 requests (SciPy's exact order statistics,
 * in evidenceThinQuantile.test.ts). Three bounds them all.
 */
export const QUANTILE_BIAS_BOUND = 3;

/** One request's noise is read off this many changes of the reference series before it is relied on. */
const LEAST_SPREAD_PAIRS = 10;

/** A series' successive changes, kept so the noise estimate can grow an interval at a time. */
export type SpreadSums = Pick<TestSums, 'spreadSq' | 'spreadInverse' | 'spreadPairs' | 'spreadLast' | 'spreadLastTrials'>;

export const emptySpread = (): SpreadSums => ({ spreadSq: 0, spreadInverse: 0, spreadPairs: 0, spreadLast: null, spreadLastTrials: 0 });

/**
 * Adds one interval of a series to its noise estimate: E[(x_t − x_{t−1})²] = c²(1/n_t + 1/n_{t−1}),
 * x an interval's log value and n its requests, slow drift cancelling between neighbours. The guard
 * adds each interval after judging it, so an interval is never judged by noise it shows itself.
 */
export function noteSpread(s: SpreadSums, c: CohortInterval | null): void {
  if (!c || !(c.trials > 0)) return;
  const v = c.logSum / c.trials;
  if (s.spreadLast !== null && s.spreadLastTrials > 0) {
    s.spreadSq += (v - s.spreadLast) ** 2;
    s.spreadInverse += 1 / c.trials + 1 / s.spreadLastTrials;
    s.spreadPairs += 1;
  }
  s.spreadLast = v;
  s.spreadLastTrials = c.trials;
}

/** One request's noise c in log value, or null before any change was seen. */
export const spreadOf = (s: SpreadSums): number | null => (s.spreadInverse > 0 ? Math.sqrt(s.spreadSq / s.spreadInverse) : null);

/**
 * The pass side's allowance for a thin canary: the canary's quantile of few requests reads better than
 * it is, by up to bound·c per request of each of its rows, where its baseline's rows stand on more — so
 * a canary ×1.15 slower than a baseline of thousands, on 25 requests a minute, read inside ×1.1 and
 * passed. Its sign is taken as if the canary were that much worse; only the part of the canary's bias
 * beyond the baseline's is added (both read low alike at 50 %; `baseline` null for a one-sample test),
 * never a bonus where the bias is against the canary. Null when an allowance is needed and the noise is
 * not known yet: the interval earns no pass evidence. The failure side needs none: it signs only where
 * the bias favours the canary (folds.ts ▸ biasAway).
 */
export function thinBias(
  s: SpreadSums,
  canary: CohortInterval | null,
  baseline: CohortInterval | null,
  ctx: { model: MetricModel; sign: 1 | -1; quantileBias: number },
): number | null {
  if (ctx.model.kind !== 'quantile' || ctx.quantileBias === 0 || !canary) return 0;
  // A high quantile of few requests reads low: on a gate where lower is better, that flatters the canary.
  const readsLow = ctx.model.q > 0.5 ? 1 : -1;
  if (ctx.sign * readsLow <= 0) return 0;
  const excess = canary.rows / canary.trials - (baseline ? baseline.rows / baseline.trials : 0);
  if (!(excess > 0)) return 0;
  const c = spreadOf(s);
  if (s.spreadPairs < LEAST_SPREAD_PAIRS || c === null) return null;
  return ctx.quantileBias * c * excess;
}
