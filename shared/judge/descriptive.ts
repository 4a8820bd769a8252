// Location and spread of sorted samples: mean, quantiles (numpy's default 'linear', Hyndman-Fan
// type 7), and the two-sample Hodges-Lehmann shift. All take Float64Arrays sorted ascending.

export function sampleMean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i += 1) s += values[i]!;
  return values.length === 0 ? Number.NaN : s / values.length;
}

/** The q-quantile of a sorted sample by linear interpolation between order statistics (numpy default). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a === b ? a : a + (h - lo) * (b - a);
}

export const medianSorted = (sorted: Float64Array): number => quantileSorted(sorted, 0.5);

interface CountAt {
  /** #{(i, j): x_i − y_j ≤ t} */
  count: number;
  /** The largest difference ≤ t (−∞ if none). */
  below: number;
  /** The smallest difference > t (+∞ if none). */
  above: number;
}

/**
 * Counts pairwise differences x_i − y_j ≤ t in O(nx + ny): as x_i grows, the first y_j with
 * x_i − y_j ≤ t (y_j ≥ x_i − t) only moves right. It also finds the differences either side of t,
 * so the search below can jump to actual values and stop on ties.
 */
function countAtMost(x: Float64Array, y: Float64Array, t: number): CountAt {
  const ny = y.length;
  let j = 0;
  let count = 0;
  let below = Number.NEGATIVE_INFINITY;
  let above = Number.POSITIVE_INFINITY;
  for (let i = 0; i < x.length; i += 1) {
    const xi = x[i]!;
    while (j < ny && xi - y[j]! > t) j += 1;
    count += ny - j;
    if (j < ny) {
      const d = xi - y[j]!;
      if (d > below) below = d;
    }
    if (j > 0) {
      const d = xi - y[j - 1]!;
      if (d < above) above = d;
    }
  }
  return { count, below, above };
}

/**
 * The k-th smallest (1-based) of all differences x_i − y_j. A bracket (lo, hi] with
 * count(≤ lo) < k ≤ count(≤ hi) shrinks by probing values; each probe costs one O(nx + ny) count.
 *
 * 1. Bracket near the guess (the difference of medians): probe it, then step past k by a Newton step
 *    on the rank (density of a normal with the differences' spread), ×4 further until k is crossed.
 * 2. Shrink: interpolate the rank linearly inside the bracket, aiming a little past k alternately
 *    from either side so it closes from both ends (regula falsi alone creeps from one side); a probe
 *    that fails to halve the bracket's count is followed by plain bisection.
 * 3. Once at most nx + ny differences are left in the bracket, list and sort them.
 * Ties end the search early: when the smallest difference above lo is hi itself, hi is the answer.
 */
function kthDifference(x: Float64Array, y: Float64Array, k: number, guess: number, spread: number): number {
  const nx = x.length;
  const ny = y.length;
  const room = nx + ny;
  let lo = Number.NEGATIVE_INFINITY;
  let loCount = 0;
  let loAbove = x[0]! - y[ny - 1]!;
  let hi = x[nx - 1]! - y[0]!;
  let hiCount = nx * ny;
  const inside = (t: number): boolean => t > (lo === Number.NEGATIVE_INFINITY ? loAbove : lo) && t < hi;
  /** Counts at t and moves one end of the bracket there; true when t is at or above the k-th. */
  const probe = (t: number): boolean => {
    const c = countAtMost(x, y, t);
    if (c.count >= k) {
      hi = c.below;
      hiCount = c.count;
      return true;
    }
    lo = t;
    loCount = c.count;
    loAbove = c.above;
    return false;
  };

  const slope = (nx * ny) / (2.5066282746310002 * spread);
  let lastMovedHi = false;
  if (Number.isFinite(guess) && slope > 0 && Number.isFinite(slope) && inside(guess)) {
    const above = probe(guess);
    lastMovedHi = above;
    let step = (Math.abs(k - (above ? hiCount : loCount)) + room / 4) / slope;
    for (let t = guess, tries = 0; tries < 30; tries += 1, step *= 4) {
      t = above ? t - step : t + step;
      if (!inside(t)) break;
      lastMovedHi = probe(t);
      if (lastMovedHi !== above) break;
    }
  }

  let bisect = false;
  for (let iter = 0; iter < 200; iter += 1) {
    if (loAbove >= hi) return hi;
    const width = hiCount - loCount;
    if (width <= room) break;
    const from = lo === Number.NEGATIVE_INFINITY ? loAbove : lo;
    let t: number;
    if (bisect) t = from + (hi - from) / 2;
    else {
      const target = lastMovedHi ? k - room / 4 : k + room / 4;
      const frac = Math.min(0.999, Math.max(0.001, (target - loCount) / width));
      t = from + frac * (hi - from);
    }
    if (!inside(t)) t = from + (hi - from) / 2;
    if (!inside(t)) t = loAbove; // no representable value strictly inside: step to the next difference
    lastMovedHi = probe(t);
    bisect = hiCount - loCount > width / 2;
  }
  // Few candidates left: list the differences in (lo, hi] and pick among them.
  const candidates = new Float64Array(hiCount - loCount);
  let filled = 0;
  let jStart = 0;
  let jEnd = 0;
  for (let i = 0; i < nx; i += 1) {
    const xi = x[i]!;
    // y_j with lo < x_i − y_j ≤ hi, computed exactly as countAtMost does.
    while (jStart < ny && xi - y[jStart]! > hi) jStart += 1;
    if (jEnd < jStart) jEnd = jStart;
    while (jEnd < ny && xi - y[jEnd]! > lo) jEnd += 1;
    for (let j = jStart; j < jEnd && filled < candidates.length; j += 1) candidates[filled++] = xi - y[j]!;
  }
  const rank = k - loCount - 1;
  return rank < filled ? select(candidates.subarray(0, filled), rank) : hi;
}

/** The r-th smallest (0-based) of a, in place, by Hoare's quickselect (median-of-three pivots). */
function select(a: Float64Array, r: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const p0 = a[lo]!;
    const p1 = a[mid]!;
    const p2 = a[hi]!;
    const pivot = p0 < p1 ? (p1 < p2 ? p1 : p0 < p2 ? p2 : p0) : p0 < p2 ? p0 : p1 < p2 ? p2 : p1;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i += 1;
      while (a[j]! > pivot) j -= 1;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and anything between equals the pivot.
    if (r <= j) hi = j;
    else if (r >= i) lo = i;
    else return a[r]!;
  }
  return a[r]!;
}

/**
 * The two-sample Hodges-Lehmann estimate of the shift of x against y: the median of all nx·ny
 * differences x_i − y_j, found without forming them (a 2,000 + 2,000 pair has 4 million).
 */
export function hodgesLehmann(x: Float64Array, y: Float64Array): number {
  const N = x.length * y.length;
  if (N === 0) return Number.NaN;
  const k = Math.floor((N + 1) / 2);
  // Start from the difference of the medians, usually close to the answer.
  // The spread of one difference, from the interquartile ranges (robust to the long tails).
  const iqr = (v: Float64Array): number => quantileSorted(v, 0.75) - quantileSorted(v, 0.25);
  const spread = Math.hypot(iqr(x), iqr(y)) / 1.349;
  const a = kthDifference(x, y, k, medianSorted(x) - medianSorted(y), spread);
  if (N % 2 === 1) return a;
  // The (k+1)-th is a again if a is tied, else the next difference above a: one more count.
  const c = countAtMost(x, y, a);
  return (a + (c.count >= k + 1 ? a : c.above)) / 2;
}
