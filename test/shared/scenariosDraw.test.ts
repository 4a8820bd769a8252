import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/sim/random.ts';
import { binomial, gammaFactor, poisson } from '../../shared/sim/scenarios/draw.ts';
import { drawLatency, EXACT_BELOW, p95Law, populationP95, sampleP95, type LatencyShape } from '../../shared/sim/scenarios/latency.ts';

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1) };
}

const quantile = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

describe('count samplers', () => {
  // Each regime goes through a different branch: inversion, beta splitting, the p > ½ mirror.
  it.each([
    [10, 0.3],
    [1000, 0.002],
    [5000, 0.05],
    [100_000, 0.3],
    [200, 0.9],
  ])('binomial(%i, %f) has mean np and variance np(1−p)', (n, p) => {
    const random = seededRandom(n);
    const draws = Array.from({ length: 4000 }, () => binomial(random, n, p));
    const { mean, variance } = moments(draws);
    const v = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt(v / draws.length));
    expect(variance / v).toBeGreaterThan(0.9);
    expect(variance / v).toBeLessThan(1.1);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(n);
  });

  it.each([0.5, 12, 80, 5000])('poisson(%f) has mean and variance λ', (lambda) => {
    const random = seededRandom(Math.round(lambda * 10));
    const draws = Array.from({ length: 4000 }, () => poisson(random, lambda));
    const { mean, variance } = moments(draws);
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / draws.length));
    expect(variance / lambda).toBeGreaterThan(0.9);
    expect(variance / lambda).toBeLessThan(1.1);
    expect(draws.every(Number.isInteger)).toBe(true);
  });

  it.each([0.5, 3, 40])('gammaFactor(%f) has mean 1 and variance 1/k', (k) => {
    const random = seededRandom(7);
    const { mean, variance } = moments(Array.from({ length: 20_000 }, () => gammaFactor(random, k)));
    expect(mean).toBeCloseTo(1, 1);
    expect(variance * k).toBeGreaterThan(0.9);
    expect(variance * k).toBeLessThan(1.1);
  });
});

describe('latency p95', () => {
  const shape: LatencyShape = { medianMs: 100, sigma: 0.5, tailShare: 0.03, tailAlpha: 1.8 };
  const law = p95Law(shape);

  it('the population p95 is the 95th percentile of the mixture', () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 200_000 }, () => drawLatency(random, shape));
    expect(draws.filter((x) => x <= law.p95).length / draws.length).toBeCloseTo(0.95, 2);
    expect(populationP95(shape)).toBe(law.p95);
  });

  it('a small sample is drawn for real: its p95 is biased low and spread wide', () => {
    const random = seededRandom(2);
    const small = Array.from({ length: 4000 }, () => sampleP95(random, law, 5, 1));
    // Of five requests, the "p95" sits between the 4th and 5th slowest: its median is far below the population's.
    expect(quantile(small, 0.5)).toBeLessThan(0.8 * law.p95);
    expect(quantile(small, 0.9)).toBeGreaterThan(law.p95);
    expect(sampleP95(random, law, 1, 1)).not.toBe(sampleP95(random, law, 1, 1));
  });

  it('a large sample drawn from the asymptotic law spreads like real draws of that many requests', () => {
    const random = seededRandom(3);
    const n = 2000;
    const asymptotic = Array.from({ length: 2000 }, () => sampleP95(random, law, n, 1));
    const real = Array.from({ length: 300 }, () => {
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i += 1) xs[i] = drawLatency(random, shape);
      xs.sort();
      return xs[Math.floor(0.95 * (n - 1))]!;
    });
    const a = moments(asymptotic);
    const r = moments(real);
    expect(a.mean / law.p95).toBeCloseTo(1, 1);
    expect(Math.abs(a.mean - r.mean) / law.p95).toBeLessThan(0.02);
    expect(Math.sqrt(a.variance / r.variance)).toBeGreaterThan(0.8);
    expect(Math.sqrt(a.variance / r.variance)).toBeLessThan(1.25);
  });

  it('scales with the latency scale, and has no p95 without requests', () => {
    expect(sampleP95(seededRandom(4), law, 500, 2) / sampleP95(seededRandom(4), law, 500, 1)).toBeCloseTo(2, 10);
    expect(sampleP95(seededRandom(4), law, EXACT_BELOW - 1, 3) / sampleP95(seededRandom(4), law, EXACT_BELOW - 1, 1)).toBeCloseTo(3, 10);
    expect(sampleP95(seededRandom(4), law, 0, 1)).toBeNaN();
  });
});
