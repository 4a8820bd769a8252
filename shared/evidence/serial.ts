// Whether a recording's intervals are the independent draws the count tests take them for. Rows whose
// windows overlap — an increase over 5m fetched every minute — count each event in several rows; no
// single row shows it, but a series does. Each interval's stratified residual (its canary events
// conditional on its events, at the ratio of its block of 30 intervals) is independent of the next
// under the count model, so the changes from one interval to the next, Δ_t = e_t − e_{t−1},
// alternate: corr(Δ_t, Δ_{t−1}) is −½. Where each row sums w ≥ 2 intervals, Δ_t is the interval
// entering minus the one leaving the window, and consecutive changes share nothing: the correlation
// is 0. Noise that lasts in one cohort (an AR(1) of lag-one correlation ρ) gives −(1 − ρ)/2. Changes
// rather than the residuals themselves, because a regression that begins mid-recording is a step,
// and a step makes the residuals about one ratio correlated too, while it moves only one change
// (though that change can outweigh the rest: see looksOverlapping).
import { METRICS, type MetricModel, type MetricName } from '../domain/metrics.ts';
import type { SampleOverlap } from '../domain/readiness.ts';
import { mantelHaenszelTerms, strataOf, stratumScore } from './strata.ts';
import { TOTAL, unitIntervals, type CellPair, type ObservationAt, type SampleBlocks } from './units.ts';

export interface SerialReading {
  /** Pairs of consecutive changes (three intervals in a row at the series' own spacing). */
  pairs: number;
  /** corr(Δ_t, Δ_{t−1}): about −½ for independent intervals, 0 for windows that overlap. */
  r: number;
  /** How far r sits above −½, in its standard deviations for independent intervals (√(½ / pairs), Bartlett). */
  z: number;
  /** r over each quarter of the pairs, in time order. */
  quarters: number[];
}

/** Halfway between independent intervals (−½) and overlapping windows (0): noise with a lag-one correlation of ½. */
export const OVERLAP_MIN_R = -0.25;
/**
 * Each quarter's own correlation must be past this, nearer −½: a quarter holds a quarter of the pairs,
 * and where rows sum five minutes its correlation spreads by about 0.16 around 0 (60 pairs; changes
 * five minutes apart share a minute).
 */
export const OVERLAP_QUARTER_MIN_R = -0.35;
/** Past this z, independent intervals land about once in 30,000 recordings. */
export const OVERLAP_MIN_Z = 4;
/**
 * Intervals read about their own ratio, 30 at a time (half an hour of minute rows): a regression past
 * the ratio of the whole recording puts each interval's residual off centre by a drift that follows
 * its traffic (large at 50 %), and consecutive changes then share that drift; within 30 intervals
 * the drift is small.
 */
const CHUNK = 30;
/** Fewer pairs say too little either way: 15 a quarter. */
export const OVERLAP_MIN_PAIRS = 60;
/**
 * Changes whose mean square is below this are not read: independent counts give 2 and a window of 40
 * intervals 0.05, while rows of one constant value give rounding, whose correlation means nothing.
 */
export const MIN_CHANGE_SQUARE = 0.05;

/** The total's reading for a rate metric; null for other kinds, with fewer than OVERLAP_MIN_PAIRS pairs, or for changes too small to be counts'. */
export function serialReading(model: MetricModel, observations: readonly ObservationAt[], blocks: SampleBlocks): SerialReading | null {
  if (model.kind !== 'rate') return null;
  const intervals: { t: number; strata: readonly CellPair[] }[] = [];
  for (const i of unitIntervals(model, observations, [], blocks).get(TOTAL) ?? []) {
    if (i.cells || (i.canary && i.baseline)) intervals.push({ t: i.t, strata: strataOf(i) });
  }
  let spacing = Number.POSITIVE_INFINITY;
  for (let k = 1; k < intervals.length; k += 1) spacing = Math.min(spacing, intervals[k]!.t - intervals[k - 1]!.t);
  // Per pair of consecutive changes: their product, and the later change's square.
  const products: number[] = [];
  const squares: number[] = [];
  for (let from = 0; from < intervals.length; from += CHUNK) {
    const residuals = chunkResiduals(intervals.slice(from, from + CHUNK));
    const next = (k: number): boolean => residuals[k] !== null && residuals[k - 1] !== null && residuals[k]!.t - residuals[k - 1]!.t === spacing;
    for (let k = 2; k < residuals.length; k += 1) {
      if (!next(k) || !next(k - 1)) continue;
      const change = residuals[k]!.e - residuals[k - 1]!.e;
      products.push(change * (residuals[k - 1]!.e - residuals[k - 2]!.e));
      squares.push(change * change);
    }
  }
  const pairs = products.length;
  if (pairs < OVERLAP_MIN_PAIRS) return null;
  const correlation = (from: number, to: number): number => {
    let cross = 0;
    let square = 0;
    for (let k = from; k < to; k += 1) {
      cross += products[k]!;
      square += squares[k]!;
    }
    return square > 0 ? cross / square : 0;
  };
  if (squares.reduce((a, b) => a + b, 0) / pairs < MIN_CHANGE_SQUARE) return null;
  const r = correlation(0, pairs);
  const quarters = [0, 1, 2, 3].map((q) => correlation(Math.floor((q * pairs) / 4), Math.floor(((q + 1) * pairs) / 4)));
  return { pairs, r, z: (r + 0.5) / Math.sqrt(0.5 / pairs), quarters };
}

/** Each interval's standardized residual at the chunk's own (Mantel-Haenszel) ratio; null where it has no event to judge. */
function chunkResiduals(chunk: readonly { t: number; strata: readonly CellPair[] }[]): ({ t: number; e: number } | null)[] {
  let num = 0;
  let den = 0;
  for (const { strata } of chunk) {
    const [a, b] = mantelHaenszelTerms(strata);
    num += a;
    den += b;
  }
  if (!(num > 0 && den > 0)) return chunk.map(() => null);
  return chunk.map(({ t, strata }) => {
    const { u, v } = stratumScore(strata, num / den);
    return v > 0 ? { t, e: u / Math.sqrt(v) } : null;
  });
}

/**
 * Consecutive intervals that move together, by more than independent ones do by chance and by as much
 * as overlapping windows make them, in every quarter of the recording: a window is in every row, while
 * a step so large that its one change outweighs the rest of its quarter (a regression beginning at
 * 50 %) moves that quarter's correlation towards 0 and leaves the others at −½.
 */
export const looksOverlapping = (s: SerialReading): boolean => s.r >= OVERLAP_MIN_R && s.z >= OVERLAP_MIN_Z && s.quarters.every((q) => q >= OVERLAP_QUARTER_MIN_R);

/** The rate metrics whose intervals look like windows that overlap, with their readings: what a file's or a release's pushed samples are said to show. */
export function overlappingMetrics(observations: ReadonlyMap<MetricName, readonly ObservationAt[]>, blocks: SampleBlocks): SampleOverlap[] {
  const found: SampleOverlap[] = [];
  for (const [metric, list] of observations) {
    const reading = serialReading(METRICS[metric].model, list, blocks);
    if (reading && looksOverlapping(reading)) found.push({ metric, pairs: reading.pairs, r: reading.r });
  }
  return found;
}
