// Ranking two samples against each other without building the pooled, ranked array: sort each
// sample once (typed-array sort is native and comparator-free), then one merge walk yields the rank
// sum of the first sample and the tie term in a single pass. The same sorted arrays serve the
// medians, quantiles and Hodges-Lehmann shift afterwards, so the judge sorts each sample once.

/** A sorted copy as a Float64Array (NaN sorts last; callers remove NaN first). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

export interface RankSum {
  /** Sum of the mid-ranks (1-based, ties averaged) of the first sample in the pooled data. */
  r1: number;
  /** Σ (t³ − t) over groups of t tied values in the pooled data (0 without ties). */
  tieTerm: number;
  /** Whether any value occurs more than once in the pooled data. */
  ties: boolean;
}

/**
 * Rank sum of `x` in the pooled sample x ∪ y, both sorted ascending and free of NaN. Every group of
 * equal values gets its average rank, as scipy.stats.rankdata(method='average') does. Ranks are
 * multiples of ½ and the sums stay below 2^53, so the result is exact, not merely close.
 */
export function rankSum(x: Float64Array, y: Float64Array): RankSum {
  const nx = x.length;
  const ny = y.length;
  let i = 0;
  let j = 0;
  let placed = 0;
  let r1 = 0;
  let tieTerm = 0;
  while (i < nx || j < ny) {
    let v: number;
    if (i < nx && (j >= ny || x[i]! <= y[j]!)) v = x[i]!;
    else v = y[j]!;
    let cx = 0;
    while (i < nx && x[i] === v) {
      i += 1;
      cx += 1;
    }
    let cy = 0;
    while (j < ny && y[j] === v) {
      j += 1;
      cy += 1;
    }
    const t = cx + cy;
    // Ranks placed+1 … placed+t share their mean.
    if (cx > 0) r1 += cx * (placed + (t + 1) / 2);
    if (t > 1) tieTerm += t * t * t - t;
    placed += t;
  }
  return { r1, tieTerm, ties: tieTerm > 0 };
}
