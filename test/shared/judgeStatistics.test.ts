// The judge's statistical building blocks, each checked against a slow, obviously correct version
// (brute-force enumeration, naive ranking, all pairwise differences) or against published values.
import { describe, expect, it } from 'vitest';
import {
  chooseMethod,
  erf,
  erfc,
  exactUCdf,
  exactUSf,
  hodgesLehmann,
  logNormalCdf,
  mannWhitney,
  mixtureLogLikelihoodRatio,
  normal,
  normalCdf,
  normalSf,
  quantileSorted,
  rankSum,
  seededRandom,
  sortedCopy,
} from '../../shared/index.ts';

const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('normal tail (Cody erfc)', () => {
  // Reference values: the C library's erfc (Python's math.erfc, glibc), correctly rounded or within an ulp.
  it.each([
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.46875, 0.507386526782062],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047265],
    [4, 1.541725790028002e-8],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
    [-1, 1.842700792949715],
  ])('erfc(%d)', (x, expected) => {
    expect(rel(erfc(x), expected)).toBeLessThan(2e-15 * Math.max(1, x * x));
  });

  it('erf and erfc are complementary and odd/even as they should be', () => {
    for (let x = -6; x <= 6; x += 0.37) {
      expect(erf(x) + erfc(x)).toBeCloseTo(1, 15);
      expect(erf(-x)).toBe(-erf(x));
    }
  });

  it('Φ and its tail: symmetric, and the tail keeps relative accuracy where 1 − Φ would be 0', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(rel(normalSf(10), 7.61985302416047e-24)).toBeLessThan(1e-14);
    expect(rel(normalSf(37), 5.7255712225239266e-300)).toBeLessThan(1e-12);
    expect(normalSf(40)).toBe(0);
    expect(normalSf(-Infinity)).toBe(1);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalSf(Number.NaN)).toBeNaN();
  });

  it('log Φ stays finite and accurate far below where Φ underflows', () => {
    expect(rel(logNormalCdf(-3), Math.log(0.0013498980316301))).toBeLessThan(1e-13);
    // SciPy's log_ndtr; Φ(−50) itself is 0 in doubles.
    expect(rel(logNormalCdf(-50), -1254.8313611394199)).toBeLessThan(1e-12);
    expect(rel(logNormalCdf(6), -9.865876455243719e-10)).toBeLessThan(1e-12);
  });
});

/** P(U ≤ k) by listing every way to pick which of the m + n positions the first sample holds. */
function bruteCdf(k: number, m: number, n: number): number {
  let hits = 0;
  let total = 0;
  const N = m + n;
  for (let mask = 0; mask < 1 << N; mask += 1) {
    let bits = 0;
    let u = 0;
    let ys = 0;
    for (let p = 0; p < N; p += 1) {
      if (mask & (1 << p)) {
        bits += 1;
        u += ys; // x at position p beats every y placed below it
      } else ys += 1;
    }
    if (bits !== m) continue;
    total += 1;
    if (u <= k) hits += 1;
  }
  return hits / total;
}

describe('exact distribution of U', () => {
  it('equals brute-force enumeration for every k up to m + n = 12', () => {
    for (let m = 1; m <= 6; m += 1) {
      for (let n = 1; n <= 12 - m; n += 1) {
        for (let k = -1; k <= m * n + 1; k += 1) expect(exactUCdf(k, m, n)).toBeCloseTo(bruteCdf(k, m, n), 14);
      }
    }
  });

  it('is symmetric: P(U ≥ u) = P(U ≤ mn − u), and the sizes may be swapped', () => {
    for (const [m, n] of [[3, 9], [8, 8], [20, 7]] as const) {
      for (let u = 0; u <= m * n; u += 3) {
        expect(exactUSf(u, m, n)).toBeCloseTo(exactUCdf(m * n - u, m, n), 14);
        expect(exactUCdf(u, m, n)).toBeCloseTo(exactUCdf(u, n, m), 14);
      }
    }
  });

  /** P(U ≤ k) by SciPy's recursion f(m,n,k) = f(m−1,n,k−n) + f(m,n−1,k), in exact integers. */
  function recursionCdf(k: number, m: number, n: number): number {
    const memo = new Map<number, bigint>();
    const f = (a: number, b: number, j: number): bigint => {
      if (j < 0 || j > a * b) return 0n;
      if (j === 0) return 1n;
      const key = (a * 64 + b) * 100_000 + j;
      let v = memo.get(key);
      if (v === undefined) {
        v = f(a - 1, b, j - b) + f(a, b - 1, j);
        memo.set(key, v);
      }
      return v;
    };
    let s = 0n;
    for (let j = 0; j <= k; j += 1) s += f(m, n, j);
    let total = 1n;
    for (let i = 1; i <= m; i += 1) total = (total * BigInt(n + i)) / BigInt(i);
    // Scale both by the same power of two into doubles: the quotient keeps ~53 bits.
    const shift = BigInt(Math.max(0, total.toString(2).length - 60));
    return Number(s >> shift) / Number(total >> shift);
  }

  it('agrees with the recursion on both sides of 2^52 (double counts, then BigInt counts)', () => {
    // C(22+23, 22) ≈ 4.1e12 runs in doubles; C(28+28, 28) ≈ 7.6e15 > 2^52 runs in BigInt.
    for (const [m, n] of [[22, 23], [28, 28]] as const) {
      for (const k of [40, 150, 250]) expect(Math.abs(exactUCdf(k, m, n) - recursionCdf(k, m, n))).toBeLessThan(1e-15);
    }
  });

  it('refuses work it cannot finish rather than hang', () => {
    expect(() => exactUCdf(2_000_000, 2000, 2000)).toThrow(RangeError);
  });
});

describe('ranking with ties in one pass', () => {
  /** Mid-ranks by the textbook method: sort the pooled data, average the ranks of equal values. */
  function naive(x: number[], y: number[]): { r1: number; tieTerm: number } {
    const pooled = [...x.map((v) => ({ v, fromX: true })), ...y.map((v) => ({ v, fromX: false }))].sort((a, b) => a.v - b.v);
    let r1 = 0;
    let tieTerm = 0;
    for (let i = 0; i < pooled.length; ) {
      let j = i;
      while (j < pooled.length && pooled[j]!.v === pooled[i]!.v) j += 1;
      const t = j - i;
      const rank = (i + 1 + j) / 2;
      for (let p = i; p < j; p += 1) if (pooled[p]!.fromX) r1 += rank;
      tieTerm += t * t * t - t;
      i = j;
    }
    return { r1, tieTerm };
  }

  it('matches the textbook mid-ranks on random data with and without ties', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 300; trial += 1) {
      const levels = trial % 3 === 0 ? 4 : 1e6;
      const draw = () => Math.floor(random() * levels) - (trial % 2) * 2;
      const x = Array.from({ length: 1 + Math.floor(random() * 40) }, draw);
      const y = Array.from({ length: 1 + Math.floor(random() * 40) }, draw);
      const got = rankSum(sortedCopy(x), sortedCopy(y));
      const want = naive(x, y);
      expect(got.r1).toBe(want.r1);
      expect(got.tieTerm).toBe(want.tieTerm);
      expect(got.ties).toBe(want.tieTerm > 0);
    }
  });

  it('treats −0 and +0 as one value, as NumPy does', () => {
    expect(rankSum(sortedCopy([-0, 1]), sortedCopy([0]))).toEqual({ r1: 1.5 + 3, tieTerm: 6, ties: true });
  });
});

describe('Mann-Whitney U', () => {
  it("uses SciPy 1.10's 'auto' rule: exact if either sample has ≤ 8 values and nothing ties", () => {
    expect(chooseMethod(8, 1000, false)).toBe('exact');
    expect(chooseMethod(1000, 8, false)).toBe('exact');
    expect(chooseMethod(9, 9, false)).toBe('asymptotic');
    expect(chooseMethod(3, 3, true)).toBe('asymptotic');
  });

  it('does not depend on the order of the input', () => {
    const x = [5, 1, 4, 4, 9, 2];
    const y = [3, 8, 4, 7, 6, 0, 10];
    const a = mannWhitney(x, y);
    const b = mannWhitney([...x].reverse(), [...y].reverse());
    expect(b).toEqual(a);
  });

  it('U1 + U2 = n1·n2, and swapping the samples swaps less and greater', () => {
    const random = seededRandom(3);
    const x = Array.from({ length: 30 }, () => normal(random) + 0.4);
    const y = Array.from({ length: 25 }, () => normal(random));
    const xy = mannWhitney(x, y, { alternative: 'greater' });
    const yx = mannWhitney(y, x, { alternative: 'less' });
    expect(xy.statistic + yx.statistic).toBe(30 * 25);
    expect(yx.pvalue).toBeCloseTo(xy.pvalue, 15);
  });

  it('propagates NaN as SciPy does, and rejects an empty sample', () => {
    const r = mannWhitney([1, Number.NaN, 3], [2, 4]);
    expect(r.statistic).toBeNaN();
    expect(r.pvalue).toBeNaN();
    expect(() => mannWhitney([], [1, 2])).toThrow(RangeError);
  });

  it('ranks infinities at the ends (SciPy 1.10 returns NaN when both +∞ and −∞ occur)', () => {
    const r = mannWhitney([Infinity, 5, 6], [-Infinity, 1, 2], { alternative: 'greater' });
    expect(r.statistic).toBe(9);
    expect(r.pvalue).toBeCloseTo(0.05, 15); // exact: 1 of C(6, 3) = 20 arrangements
  });
});

describe('Hodges-Lehmann shift', () => {
  /** The median of all pairwise differences, formed and sorted. */
  function brute(x: Float64Array, y: Float64Array): number {
    const d = new Float64Array(x.length * y.length);
    let p = 0;
    for (const a of x) for (const b of y) d[p++] = a - b;
    d.sort();
    const N = d.length;
    // + 0 turns −0 into 0: the two are the same shift (and compare equal), but toBe tells them apart.
    return (N % 2 ? d[(N - 1) / 2]! : (d[N / 2 - 1]! + d[N / 2]!) / 2) + 0;
  }

  it('equals the median of all differences on continuous, tied, three-level and heavy-tailed data', () => {
    const random = seededRandom(11);
    const draws = [() => normal(random), () => Math.round(2 * normal(random)), () => Math.floor(3 * random()), () => Math.exp(3 * normal(random))];
    for (let trial = 0; trial < 400; trial += 1) {
      const draw = draws[trial % draws.length]!;
      const x = sortedCopy(Array.from({ length: 1 + Math.floor(random() * 70) }, draw));
      const y = sortedCopy(Array.from({ length: 1 + Math.floor(random() * 70) }, draw));
      expect(hodgesLehmann(x, y) + 0).toBe(brute(x, y));
    }
  });

  it('finds the shift of 2,000 + 2,000 samples (4 million differences) exactly', () => {
    const random = seededRandom(5);
    const x = sortedCopy(Array.from({ length: 2000 }, () => 200 * Math.exp(0.3 * normal(random)) + 15));
    const y = sortedCopy(Array.from({ length: 2000 }, () => 200 * Math.exp(0.3 * normal(random))));
    expect(hodgesLehmann(x, y) + 0).toBe(brute(x, y));
  });

  it('numpy-style linear quantiles', () => {
    const v = sortedCopy([1, 2, 3, 4]);
    expect(quantileSorted(v, 0.5)).toBe(2.5);
    expect(quantileSorted(v, 0.25)).toBe(1.75);
    expect(quantileSorted(v, 1)).toBe(4);
  });
});

describe('mixture likelihood ratio', () => {
  it('is 1 at no information and grows with |z| (two-sided) or z (one-sided)', () => {
    expect(mixtureLogLikelihoodRatio(3, 0, 0.5, true)).toBe(Number.NEGATIVE_INFINITY);
    expect(mixtureLogLikelihoodRatio(0, 1e-12, 0.5, false)).toBeCloseTo(0, 9);
    expect(mixtureLogLikelihoodRatio(4, 100, 0.5, true)).toBeGreaterThan(mixtureLogLikelihoodRatio(2, 100, 0.5, true));
    expect(mixtureLogLikelihoodRatio(-4, 100, 0.5, true)).toBe(mixtureLogLikelihoodRatio(4, 100, 0.5, true));
    expect(mixtureLogLikelihoodRatio(-4, 100, 0.5, false)).toBeLessThan(0);
    expect(mixtureLogLikelihoodRatio(4, 100, 0.5, false)).toBeGreaterThan(mixtureLogLikelihoodRatio(4, 100, 0.5, true));
  });

  it('matches the closed form integrated numerically', () => {
    // Λ = ∫ exp(θS − θ²I/2) · 2φ(θ/τ)/τ dθ over θ > 0, by the midpoint rule.
    const z = 2.3;
    const I = 40;
    const tau = 0.5;
    const S = z * Math.sqrt(I);
    let sum = 0;
    const h = 1e-4;
    for (let t = h / 2; t < 8; t += h) sum += Math.exp(t * S - (t * t * I) / 2) * ((2 / tau) * Math.exp(-(t * t) / (2 * tau * tau)) / Math.sqrt(2 * Math.PI)) * h;
    expect(mixtureLogLikelihoodRatio(z, I, tau, false)).toBeCloseTo(Math.log(sum), 6);
  });
});
