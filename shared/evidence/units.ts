// Observations into the units a gate judges: per interval end `t`, the total and each segment, for
// canary and baseline. Total rows (no labels) are the total where present for that time and cohort;
// otherwise the total is pooled from the cells. A segment (region = eu-west) pools every cell that
// carries the label. Rates pool as events and trials; quantiles as a weight-weighted geometric mean
// of values that stand on enough requests to be that quantile at all.
import { cellKey, type Cohort, type MetricModel, type Segment } from '../domain/metrics.ts';
import type { Dimension } from '../gates/types.ts';
import type { SourceKind } from '../sources/kind.ts';

export interface ObservationAt {
  cohort: Cohort;
  segment: Segment;
  t: number;
  /** null (or NaN) = missing: it counts toward nothing. */
  value: number | null;
  weight: number;
  /** A cell's row that joins its segments but not the total, whose total rows for its time were judged already. */
  cellOnly?: boolean;
}

/** A cohort's interval in one unit: trials behind it, counted events (rates), pooled value. */
export interface CohortInterval {
  trials: number;
  /** Rates: events in the counted orientation (errors, conversions, crashed users). */
  events: number;
  /** Quantiles: Σ weight · log(value). */
  logSum: number;
  /**
   * Rows pooled into it. Each row's quantile is its own sample's, biased by about 1/(its requests), so
   * the pooled value's bias is rows/trials of one request's (thinQuantile.ts ▸ thinBias).
   */
  rows: number;
}

export interface CellPair {
  canary: CohortInterval;
  baseline: CohortInterval;
}

export interface UnitInterval {
  t: number;
  canary: CohortInterval | null;
  baseline: CohortInterval | null;
  /**
   * Where the unit is pooled from cells: the cells in which both cohorts stand on some traffic (for a
   * quantile, on enough requests to be the quantile); at least two, else absent. Cells are disjoint
   * sets of requests, each compared with its own baseline: a sign of its own (folds.ts ▸ foldSigns),
   * or a stratum of the count test (folds.ts ▸ foldTwoRate), so a canary whose traffic falls on the
   * cells in other proportions than the baseline's is not judged on that mix.
   */
  cells?: CellPair[];
  /**
   * Where the unit is pooled from cells: every cell in which the baseline stands on enough traffic and
   * the canary on some, even one cell or none. A comparison of two cohorts is made on these alone
   * (comparedOnCells).
   */
  paired?: CellPair[];
  /** Both cohorts have rows in the unit, in no cell they share: nothing to compare (comparedOnCells). */
  apart?: boolean;
  /** A cohort whose rows stand on too few requests to be the quantile: there, but not missing. */
  thin?: boolean;
}

const sumOf = (cs: readonly CohortInterval[]): CohortInterval =>
  cs.reduce((a, c) => ({ trials: a.trials + c.trials, events: a.events + c.events, logSum: a.logSum + c.logSum, rows: a.rows + c.rows }), { trials: 0, events: 0, logSum: 0, rows: 0 });

/**
 * The unit as a comparison of canary with baseline sees it, where it is pooled from cells: only the
 * cells in which both cohorts have traffic, and the baseline taken at the canary's mix of them (each
 * cell's mean log value, or rate, weighted by the canary's requests there). Pooling every cell
 * compared two mixes: a canary in one region's cluster beside a baseline everywhere was held to the
 * baseline of all regions, so a healthy canary in the slow region was halted and a regressed one in
 * the fast region promoted. A rate's count test compares cell by cell already (its strata); its
 * pooled sums set the margin in points and the values shown. Without a shared cell a unit compares
 * nothing; the cohort it has is kept, so a cohort missing everywhere is still named.
 */
export function comparedOnCells(i: UnitInterval, model: MetricModel): UnitInterval {
  if (!i.paired) return i;
  if (i.paired.length === 0) return i.canary && i.baseline ? { t: i.t, canary: null, baseline: null, apart: true } : { t: i.t, canary: i.canary, baseline: i.baseline, ...(i.thin ? { thin: true } : {}) };
  const canary = sumOf(i.paired.map((p) => p.canary));
  let baseline = sumOf(i.paired.map((p) => p.baseline));
  // The baseline at the canary's mix: what the comparison holds the canary to, so the values shown
  // beside a verdict agree with it (a ×1.6 canary leaning to the cells that fail least read "canary
  // 1.23 % vs limit 1.56 %" beside its halt).
  const atCanaryMix = (of: (b: CohortInterval) => number): number => i.paired!.reduce((a, p) => a + p.canary.trials * (of(p.baseline) / p.baseline.trials), 0) / canary.trials;
  if (model.kind === 'quantile') baseline = { ...baseline, logSum: atCanaryMix((b) => b.logSum) * baseline.trials };
  else if (model.kind === 'rate') baseline = { ...baseline, events: atCanaryMix((b) => b.events) * baseline.trials };
  const enough = canary.trials >= minWeightFor(model);
  const out: UnitInterval = { t: i.t, canary: enough ? canary : null, baseline };
  if (!enough) out.thin = true;
  if (i.cells) out.cells = i.cells;
  return out;
}

export const TOTAL = 'total';
export const unitKey = (dimension: Dimension, key: string): string => `${dimension}=${key}`;

/** A segment's unit key back into its dimension and label. */
export function splitUnitKey(key: string): [Dimension, string] {
  const at = key.indexOf('=');
  return [key.slice(0, at) as Dimension, key.slice(at + 1)];
}

/** The fewest requests behind a q-quantile for it to be one: below 1/(1−q) (20 for a p95) it is a lower quantile in disguise. */
export const minRequestsForQuantile = (q: number): number => Math.ceil(1 / (1 - q));

/** The least weight an interval needs to count: a quantile's requests; any weight for a rate or a level. */
export const minWeightFor = (model: MetricModel): number => (model.kind === 'quantile' ? minRequestsForQuantile(model.q) : Number.MIN_VALUE);

/** A row with no label: the total of its cohort, not a cell. */
export const isTotalRow = (s: Segment): boolean => s.region === '' && s.device === '' && s.tenant === '';

/** A rate in the orientation its events are counted in (crashed users for crash-free users); the map is its own inverse. */
export const counted = (model: MetricModel, value: number): number => (model.kind === 'rate' && model.counts === 'complement' ? 100 - value : value);

type Acc = Record<Cohort, CohortInterval | null>;

function add(acc: Acc, cohort: Cohort, model: MetricModel, value: number, weight: number): void {
  const into = (acc[cohort] ??= { trials: 0, events: 0, logSum: 0, rows: 0 });
  into.trials += weight;
  into.rows += 1;
  if (model.kind === 'rate') into.events += (counted(model, value) / 100) * weight;
  else into.logSum += weight * Math.log(value);
}

/** A row that counts: a finite value in range, on some weight. */
export function usableRow(model: MetricModel, o: ObservationAt): boolean {
  if (o.value === null || !Number.isFinite(o.value) || !(o.weight > 0)) return false;
  if (model.kind === 'rate') return o.value >= 0 && o.value <= 100;
  return o.value > 0;
}

/**
 * The shortest interval the guard judges as one observation, for samples from outside: finer samples
 * are pooled into the minute they end in. Each interval is taken for an independent draw — the
 * dispersion is read off interval residuals, the per-interval cap and the minimum of intervals count
 * them — and noise that lasts a minute (a bad pod, a burst, rate() windows) split over 15 s samples
 * would look like four times the evidence. The built-in simulator draws each tick afresh.
 */
export const SAMPLE_BLOCK_MS = 60_000;

/**
 * How intervals are pooled: into blocks `ms` long (0: each interval as it came), counted from `anchor`
 * (the rollout's start), so a recording whose samples fall on its own minutes, whatever second of the
 * clock it began at, keeps one sample a block.
 */
export interface SampleBlocks {
  ms: number;
  anchor: number;
}

export const NO_BLOCKS: SampleBlocks = { ms: 0, anchor: 0 };

/** How the guard pools a release's samples, by where they come from: not at all for the simulator's own ticks. */
export const sampleBlocksOf = (source: SourceKind, rolloutStartedAt: number | null): SampleBlocks =>
  source === 'simulator' ? NO_BLOCKS : { ms: SAMPLE_BLOCK_MS, anchor: rolloutStartedAt ?? 0 };

/** The end of the block an interval ending at `t` is pooled into. */
export const blockEnd = (t: number, b: SampleBlocks): number => (b.ms > 0 ? b.anchor + Math.ceil((t - b.anchor) / b.ms) * b.ms : t);

/** The last block end at or before `t`: how far a look can fold whole blocks. */
export const lastBlockEnd = (t: number, b: SampleBlocks): number => (b.ms > 0 ? b.anchor + Math.floor((t - b.anchor) / b.ms) * b.ms : t);

/** Per unit key, its intervals in time order; intervals ending in the same block are pooled into one, at the block's end. */
export function unitIntervals(model: MetricModel, observations: readonly ObservationAt[], dimensions: readonly Dimension[], blocks: SampleBlocks = NO_BLOCKS): Map<string, UnitInterval[]> {
  const totals = new Map<number, Acc>();
  const cells = new Map<number, Acc>();
  // Each cell's own interval, for the per-cell signs and count strata (levels are judged on the unit alone).
  const byCell = model.kind !== 'level' ? new Map<number, Map<string, { segment: Segment; acc: Acc }>>() : null;
  const segments = new Map<string, Map<number, Acc>>();
  const at = (m: Map<number, Acc>, t: number): Acc => {
    let acc = m.get(t);
    if (!acc) m.set(t, (acc = { canary: null, baseline: null }));
    return acc;
  };
  for (const observed of observations) {
    if (!usableRow(model, observed)) continue;
    const o = blocks.ms > 0 ? { ...observed, t: blockEnd(observed.t, blocks) } : observed;
    const value = o.value as number;
    if (isTotalRow(o.segment)) {
      add(at(totals, o.t), o.cohort, model, value, o.weight);
      continue;
    }
    if (!o.cellOnly) add(at(cells, o.t), o.cohort, model, value, o.weight);
    if (byCell) addToCell(byCell, o, model, value);
    for (const d of dimensions) {
      const label = o.segment[d];
      if (label === '') continue;
      const key = unitKey(d, label);
      let m = segments.get(key);
      if (!m) segments.set(key, (m = new Map()));
      add(at(m, o.t), o.cohort, model, value, o.weight);
    }
  }
  const total = new Map<number, Acc>();
  for (const [t, acc] of cells) total.set(t, { ...acc });
  for (const [t, acc] of totals) {
    const pooled = at(total, t);
    if (acc.canary) pooled.canary = acc.canary;
    if (acc.baseline) pooled.baseline = acc.baseline;
  }
  // A quantile must stand on enough requests in the unit to be that quantile at all.
  const least = minWeightFor(model);
  const enough = (c: CohortInterval | null): CohortInterval | null => (c && c.trials >= least ? c : null);
  // Per unit and time: the cells for per-cell comparisons (both cohorts on enough requests), and the
  // cells a comparison of the unit may stand on (a baseline on enough, a canary on any: the canary's
  // quantile is pooled over them, so its cells may each be small).
  const cellPairs = (t: number, inUnit: (s: Segment) => boolean): { cells: CellPair[]; paired: CellPair[] } | undefined => {
    if (!byCell) return undefined;
    const cells: CellPair[] = [];
    const paired: CellPair[] = [];
    for (const { segment, acc } of byCell.get(t)?.values() ?? []) {
      const baseline = enough(acc.baseline);
      if (!acc.canary || !baseline || !inUnit(segment)) continue;
      paired.push({ canary: acc.canary, baseline });
      if (enough(acc.canary)) cells.push({ canary: acc.canary, baseline });
    }
    return { cells, paired };
  };
  const series = (m: Map<number, Acc>, cellsAt: (t: number) => { cells: CellPair[]; paired: CellPair[] } | undefined): UnitInterval[] =>
    [...m]
      .sort((a, b) => a[0] - b[0])
      .map(([t, acc]) => {
        const interval: UnitInterval = { t, canary: enough(acc.canary), baseline: enough(acc.baseline) };
        if ((acc.canary && !interval.canary) || (acc.baseline && !interval.baseline)) interval.thin = true;
        const pairs = cellsAt(t);
        if (pairs) interval.paired = pairs.paired;
        if (pairs && pairs.cells.length >= 2) interval.cells = pairs.cells;
        return interval;
      });
  // The total is judged on total rows alone where they are present, so its cells count only at times without any.
  const out = new Map<string, UnitInterval[]>([[TOTAL, series(total, (t) => (totals.has(t) ? undefined : cellPairs(t, () => true)))]]);
  for (const [key, m] of [...segments].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [d, label] = splitUnitKey(key);
    out.set(key, series(m, (t) => cellPairs(t, (s) => s[d] === label)));
  }
  return out;
}


function addToCell(byCell: Map<number, Map<string, { segment: Segment; acc: Acc }>>, o: ObservationAt, model: MetricModel, value: number): void {
  let atT = byCell.get(o.t);
  if (!atT) byCell.set(o.t, (atT = new Map()));
  const key = cellKey(o.segment);
  let cell = atT.get(key);
  if (!cell) atT.set(key, (cell = { segment: o.segment, acc: { canary: null, baseline: null } }));
  add(cell.acc, o.cohort, model, value, o.weight);
}

/** A cohort interval's value in the metric's own units (percent, or the quantile's). */
export function intervalValue(model: MetricModel, c: CohortInterval): number {
  if (model.kind !== 'rate') return Math.exp(c.logSum / c.trials);
  return counted(model, (100 * c.events) / c.trials);
}
