// Minute counts of a canary and its baseline, independent from minute to minute, and the same counts as
// rows whose windows overlap: the known truth of the overlap reading's checks.
import { normal, poisson, seededRandom } from '../../shared/index.ts';

export const MINUTES = 240;

export interface Minute {
  canary: { events: number; trials: number };
  baseline: { events: number; trials: number };
}

/** Minute counts: 500 canary and 9,500 baseline requests at 1 % (×`ratio` from `onset`), the level drifting for both, each cohort's rate noisy by log-sd 0.3 a minute. */
export function minutes(seed: number, ratio = 1, onset = 0): Minute[] {
  const random = seededRandom(seed);
  return Array.from({ length: MINUTES }, (_, k) => {
    const level = 0.01 * Math.exp(0.3 * Math.sin((2 * Math.PI * k) / 180));
    const canaryRate = level * (k >= onset ? ratio : 1) * Math.exp(0.3 * normal(random));
    const baselineRate = level * Math.exp(0.3 * normal(random));
    return { canary: { events: poisson(random, 500 * canaryRate), trials: 500 }, baseline: { events: poisson(random, 9500 * baselineRate), trials: 9500 } };
  });
}

/** Each minute's row as a window of the last `w` minutes would report it (an increase over w minutes fetched every minute). */
export function windowed(ms: readonly Minute[], w: number): Minute[] {
  return ms.map((_, k) => {
    const from = Math.max(0, k - w + 1);
    const sum = (pick: (m: Minute) => { events: number; trials: number }) =>
      ms.slice(from, k + 1).reduce((a, m) => ({ events: a.events + pick(m).events, trials: a.trials + pick(m).trials }), { events: 0, trials: 0 });
    return { canary: sum((m) => m.canary), baseline: sum((m) => m.baseline) };
  });
}

