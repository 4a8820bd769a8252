// How often an interval of a quantile gate is judged at all, for a plan read before the stage: a p95
// needs 20 requests behind it in each cohort it compares (units.ts), and where the total is pooled from
// cells, a comparison stands only on the cells whose baseline has them (comparedOnCells). Requests per
// interval are taken as Poisson at the traffic read, split by the stage's exposure.

/** P(X = j) for j < least, X ~ Poisson(mean): in logs, so a large mean underflows to 0 rather than NaN. */
function poissonHead(mean: number, least: number): number[] {
  const head = new Array<number>(least).fill(0);
  if (!(mean > 0)) {
    if (least > 0) head[0] = 1;
    return head;
  }
  let log = -mean;
  for (let j = 0; j < least; j += 1) {
    if (j > 0) log += Math.log(mean) - Math.log(j);
    head[j] = Math.exp(log);
  }
  return head;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const weighted = (xs: readonly number[]): number => xs.reduce((a, p, j) => a + j * p, 0);

/**
 * P(X ≥ least) and E[X | X ≥ least] (the requests an interval that counts stands on), X ~ Poisson(mean).
 * Below the mean the tail is summed itself: one minus the head loses a tail of 1e-10 to rounding.
 */
export function poissonAtLeast(mean: number, least: number): { p: number; mean: number } {
  if (mean > 0 && mean < least) {
    let p = 0;
    let first = 0;
    for (let j = least, term = poissonHead(mean, least + 1)[least]!; term > 1e-17 * p || j === least; j += 1, term *= mean / j) {
      p += term;
      first += j * term;
    }
    return { p, mean: p > 0 ? first / p : least };
  }
  const head = poissonHead(mean, least);
  const p = Math.max(0, 1 - sum(head));
  return { p, mean: p > 0 ? Math.max(least, (mean - weighted(head)) / p) : least };
}

export interface UsableIntervals {
  /** Share of intervals with a comparison (or, one-sample, a canary) on enough requests. */
  share: number;
  /** The canary's and baseline's requests in such an interval, on average. */
  canary: number;
  baseline: number;
  /** The requests behind each of their rows (a cell's, or the total's), on which a sample quantile's bias turns. */
  canaryRow: number;
  baselineRow: number;
  /** Share of the cells' traffic whose baseline stands on enough requests: low when the cells are thin. */
  pairedShare: number | null;
}

/**
 * Where the total is pooled from cells (`cells`: each cell's requests per interval, both cohorts): the
 * canary counts only in cells whose baseline stands on `least` requests, so the canary's requests in the
 * comparison are a sum of Poisson counts each kept with its cell's chance — its distribution below
 * `least` by convolution, one cell at a time (K cells × least² steps).
 */
function onCells(cells: readonly number[], e: number, least: number): UsableIntervals {
  let head = new Array<number>(least).fill(0);
  head[0] = 1;
  let canaryMean = 0;
  let baselineMean = 0;
  let noneKept = 1;
  let kept = 0;
  let cellsKept = 0;
  for (const n of cells) {
    const b = poissonAtLeast((1 - e) * n, least);
    const c = poissonHead(e * n, least).map((p) => b.p * p);
    c[0] = (c[0] ?? 0) + (1 - b.p);
    head = head.map((_, j) => {
      let s = 0;
      for (let i = 0; i <= j; i += 1) s += head[i]! * c[j - i]!;
      return s;
    });
    canaryMean += b.p * e * n;
    baselineMean += b.p * b.mean;
    noneKept *= 1 - b.p;
    kept += b.p * n;
    cellsKept += b.p;
  }
  const share = Math.max(0, 1 - sum(head));
  const total = sum(cells);
  return {
    share,
    canary: share > 0 ? Math.max(least, (canaryMean - weighted(head)) / share) : least,
    baseline: noneKept < 1 ? Math.max(least, baselineMean / (1 - noneKept)) : least,
    canaryRow: cellsKept > 0 ? (e * kept) / cellsKept : 0,
    baselineRow: cellsKept > 0 ? baselineMean / cellsKept : least,
    pairedShare: total > 0 ? kept / total : null,
  };
}

/**
 * At exposure `e` and `perInterval` requests an interval (both cohorts): how often a quantile's
 * interval is judged, on how many requests. One-sample gates need only the canary's requests; a
 * comparison needs both cohorts', within the cells where the total is pooled from them.
 */
export function usableIntervals(input: { perInterval: number; cells: readonly number[] | null; e: number; least: number; oneSample: boolean }): UsableIntervals {
  const { perInterval, cells, e, least, oneSample } = input;
  if (!oneSample && cells && cells.length > 0) return onCells(cells, e, least);
  const canary = poissonAtLeast(e * perInterval, least);
  const baseline = oneSample ? { p: 1, mean: Number.POSITIVE_INFINITY } : poissonAtLeast((1 - e) * perInterval, least);
  return { share: canary.p * baseline.p, canary: canary.mean, baseline: baseline.mean, canaryRow: canary.mean, baselineRow: baseline.mean, pairedShare: null };
}
