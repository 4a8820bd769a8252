// Request latency: a lognormal body with a Pareto tail (slow requests: retries, GC pauses, cold
// caches). A row's p95 is the sample quantile of that interval's requests.
import { normal } from '../random.ts';
import { quantileSorted } from '../../judge/descriptive.ts';
import { normalCdf } from '../../judge/normal.ts';
import { studentT, type Random } from './draw.ts';

export interface LatencyShape {
  /** Median of the body, ms. */
  medianMs: number;
  /** Log-scale spread of the body. */
  sigma: number;
  /** Share of requests in the Pareto tail. */
  tailShare: number;
  /** Pareto shape: smaller is heavier (below 2 the tail has no variance). */
  tailAlpha: number;
}

const Q = 0.95;
/** Below this many requests the p95 is taken from real draws: a small sample's quantile is biased and lumpy. */
export const EXACT_BELOW = 50;
/** Degrees of freedom of the noise around the asymptotic quantile: heavier than normal, as scraped p95s are. */
const NOISE_DF = 5;

/** Where the tail starts: the body's 97th percentile, so the tail adds to the slow end only. */
const tailStart = (s: LatencyShape): number => s.medianMs * Math.exp(1.881 * s.sigma);

function cdf(s: LatencyShape, x: number): number {
  const body = normalCdf(Math.log(x / s.medianMs) / s.sigma);
  const xm = tailStart(s);
  const tail = x < xm ? 0 : 1 - Math.pow(xm / x, s.tailAlpha);
  return (1 - s.tailShare) * body + s.tailShare * tail;
}

function density(s: LatencyShape, x: number): number {
  const z = Math.log(x / s.medianMs) / s.sigma;
  const body = Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * s.sigma * x);
  const xm = tailStart(s);
  const tail = x < xm ? 0 : (s.tailAlpha * Math.pow(xm, s.tailAlpha)) / Math.pow(x, s.tailAlpha + 1);
  return (1 - s.tailShare) * body + s.tailShare * tail;
}

/** The population p95, by bisection on the log scale (the mixture has no closed-form quantile). */
export function populationP95(s: LatencyShape): number {
  let lo = Math.log(s.medianMs) - 10 * s.sigma;
  let hi = Math.log(s.medianMs) + 10 * s.sigma + 20 / s.tailAlpha;
  for (let i = 0; i < 100; i += 1) {
    const mid = (lo + hi) / 2;
    if (cdf(s, Math.exp(mid)) < Q) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

export function drawLatency(random: Random, s: LatencyShape): number {
  if (random() < s.tailShare) return tailStart(s) * Math.pow(Math.max(random(), Number.EPSILON), -1 / s.tailAlpha);
  return s.medianMs * Math.exp(s.sigma * normal(random));
}

/** What a shape's p95 needs for the asymptotic draw: the quantile and the sd of its estimate at n = 1. */
export interface P95Law {
  shape: LatencyShape;
  p95: number;
  sdAtOne: number;
}

export function p95Law(shape: LatencyShape): P95Law {
  const p95 = populationP95(shape);
  return { shape, p95, sdAtOne: Math.sqrt(Q * (1 - Q)) / density(shape, p95) };
}

/**
 * The p95 of n requests whose latencies are the law's scaled by `scale` (load, region, a regression).
 * Scaling every request by s scales every quantile by s, so one law serves all scales.
 */
export function sampleP95(random: Random, law: P95Law, n: number, scale: number): number {
  if (n <= 0) return Number.NaN;
  if (n < EXACT_BELOW) {
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i += 1) xs[i] = drawLatency(random, law.shape);
    xs.sort();
    return scale * quantileSorted(xs, Q);
  }
  // Bahadur: the sample quantile is ≈ normal around the quantile with sd √(q(1−q)/n)/f(ξ).
  const draw = law.p95 + (law.sdAtOne / Math.sqrt(n)) * studentT(random, NOISE_DF);
  return scale * Math.max(draw, law.p95 * 0.2);
}
