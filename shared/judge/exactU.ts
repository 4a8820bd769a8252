// The exact null distribution of the Mann-Whitney U statistic for sample sizes m and n.
//
// The number of arrangements with U = k is the coefficient of q^k in the Gaussian binomial
// [m+n choose a]_q = Π_{i=1..a} (1 − q^{b+i}) / (1 − q^i), a = min(m, n), b = max(m, n)
// (Harding 1984; the same counts as SciPy's recursion f(m,n,k) = f(m−1,n,k−n) + f(m,n−1,k), after
// Di Bucchianico 1999). Multiplying by (1 − q^{b+i}) then dividing by (1 − q^i) keeps, after step i,
// exactly the polynomial [b+i choose i]_q, and both steps only read lower powers, so the polynomial
// can be cut at the highest power the tail needs. Cost: O(a · K) for a tail up to U = K, against
// SciPy's O(m·n·K) memo table.
//
// Counts are integers. While C(m+n, a) < 2^52 they are exact in doubles; above that the same steps
// run on BigInt, so the tail probability is exact before its single final rounding.

const FLOAT_EXACT = 2n ** 52n;
/** BigInt steps beyond this (a · K) would take seconds: the caller should use the normal approximation. */
const BIGINT_BUDGET = 6e7;

function binomialBig(N: number, a: number): bigint {
  let r = 1n;
  for (let i = 1; i <= a; i += 1) r = (r * BigInt(N - a + i)) / BigInt(i);
  return r;
}

/** Counts of U = 0…K for sizes (a, b), in doubles (exact while the total is below 2^52). */
function countsFloat(a: number, b: number, K: number): Float64Array {
  const c = new Float64Array(K + 1);
  c[0] = 1;
  for (let i = 1; i <= a; i += 1) {
    const up = b + i;
    for (let d = K; d >= up; d -= 1) c[d]! -= c[d - up]!;
    for (let d = i; d <= K; d += 1) c[d]! += c[d - i]!;
  }
  return c;
}

function countsBig(a: number, b: number, K: number): bigint[] {
  const c: bigint[] = new Array<bigint>(K + 1).fill(0n);
  c[0] = 1n;
  for (let i = 1; i <= a; i += 1) {
    const up = b + i;
    for (let d = K; d >= up; d -= 1) c[d] = c[d]! - c[d - up]!;
    for (let d = i; d <= K; d += 1) c[d] = c[d]! + c[d - i]!;
  }
  return c;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** num / den for BigInts, correctly to ~60 bits however large or small the quotient is. */
function ratio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = Math.max(0, 64 + bitLength(den) - bitLength(num));
  const q = Number((num << BigInt(shift)) / den);
  // Scale back in two steps so 2^-shift cannot underflow before the product is formed.
  const half = Math.floor(shift / 2);
  return q * 2 ** -half * 2 ** -(shift - half);
}

/**
 * P(U ≤ k) under the null hypothesis for sample sizes m and n (no ties). The shorter of the two
 * tails is summed, the other obtained as its complement in exact arithmetic.
 */
export function exactUCdf(k: number, m: number, n: number): number {
  const mn = m * n;
  if (k < 0) return 0;
  if (k >= mn) return 1;
  const a = Math.min(m, n);
  const b = Math.max(m, n);
  // P(U ≤ k) = 1 − P(U ≤ mn − k − 1) by symmetry; sum whichever tail is shorter.
  const lower = k <= (mn - 1) / 2;
  const K = lower ? k : mn - k - 1;
  const totalBig = binomialBig(a + b, a);
  if (totalBig < FLOAT_EXACT) {
    const c = countsFloat(a, b, K);
    let s = 0;
    for (let d = 0; d <= K; d += 1) s += c[d]!;
    const total = Number(totalBig);
    return lower ? s / total : (total - s) / total;
  }
  if (a * K > BIGINT_BUDGET) {
    throw new RangeError(`exact Mann-Whitney distribution for m=${m}, n=${n} is too large to compute; use method 'asymptotic'`);
  }
  const c = countsBig(a, b, K);
  let s = 0n;
  for (let d = 0; d <= K; d += 1) s += c[d]!;
  return ratio(lower ? s : totalBig - s, totalBig);
}

/** P(U ≥ u) = P(U ≤ mn − u) by the symmetry of U about mn/2. */
export function exactUSf(u: number, m: number, n: number): number {
  return exactUCdf(m * n - u, m, n);
}
