// Exact samplers for the counts a scenario is built from. Counts (events out of trials) are the
// point of the corpus, so these are exact draws, not normal approximations of rates.
import { knuthPoisson, normal } from '../random.ts';

export type Random = () => number;

export const uniform = (random: Random, lo: number, hi: number): number => lo + (hi - lo) * random();

/** Uniform on a log scale: sizes and volumes spread evenly over orders of magnitude. */
export const logUniform = (random: Random, lo: number, hi: number): number => Math.exp(uniform(random, Math.log(lo), Math.log(hi)));

export const integer = (random: Random, lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

export const chance = (random: Random, p: number): boolean => random() < p;

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(random() * items.length)]!;
}

/** Fisher-Yates on a copy. */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Gamma(shape, scale 1) by Marsaglia and Tsang; shape < 1 through the boost U^(1/shape). */
export function gamma(random: Random, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(Math.max(random(), Number.EPSILON), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(Math.max(u, Number.EPSILON)) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A mean-1 multiplier with coefficient of variation 1/√k: the extra-Poisson / extra-binomial spread. */
export const gammaFactor = (random: Random, k: number): number => (Number.isFinite(k) ? gamma(random, k) / k : 1);

export function beta(random: Random, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}

/** Poisson: Knuth's product method for small means, Hörmann's PTRS (transformed rejection) above. */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) return knuthPoisson(random, mean);
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
  }
}

const LOG_FACTORIALS: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = LOG_FACTORIALS.length; i <= k; i += 1) LOG_FACTORIALS.push(LOG_FACTORIALS[i - 1]! + Math.log(i));
    return LOG_FACTORIALS[k]!;
  }
  // Stirling's series; its error at k ≥ 256 is far below a double's resolution of the sum.
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k ** 3);
}

/** Inversion: walks the pmf; exact, cheap while n·p is small. */
function binomialInversion(random: Random, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  let f = Math.pow(q, n);
  let u = random();
  let k = 0;
  while (u > f && k < n) {
    u -= f;
    f *= (s * (n - k)) / (k + 1);
    k += 1;
  }
  return k;
}

/**
 * Binomial(n, p), exact: Knuth's beta splitting (TAOCP 3.4.1) halves n through the median order
 * statistic of n uniforms until n·p is small, then inverts the pmf.
 */
export function binomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  let k = 0;
  let trials = Math.round(n);
  let prob = p;
  while (trials * prob > 20 && trials > 40) {
    const a = 1 + Math.floor(trials / 2);
    const b = trials + 1 - a;
    const x = beta(random, a, b);
    if (x >= prob) {
      trials = a - 1;
      prob /= x;
    } else {
      k += a;
      trials = b - 1;
      prob = (prob - x) / (1 - x);
    }
  }
  if (prob > 0.5) return k + trials - binomialInversion(random, trials, 1 - prob);
  return k + binomialInversion(random, trials, prob);
}

/** Student's t with ν degrees of freedom, scaled to variance 1: heavy-tailed noise of a known spread. */
export function studentT(random: Random, nu: number): number {
  const chi2 = 2 * gamma(random, nu / 2);
  return (normal(random) / Math.sqrt(chi2 / nu)) * Math.sqrt((nu - 2) / nu);
}
