// A release's traffic per metric, read off its recent samples: what planDecideTimes needs to say how
// long a stage will take. Both cohorts' trials count (their total does not depend on the split); the
// baseline alone gives the value and the noise, since the canary may be what is broken.
import { cellKey, METRICS, type MetricModel, type MetricName } from '../domain/metrics.ts';
import { MAX_TRAFFIC_CELLS, type MetricTraffic, type TrafficEstimate } from '../domain/readiness.ts';
import { emptySpread, noteSpread, spreadOf } from '../evidence/thinQuantile.ts';
import { blockEnd, intervalValue, isTotalRow, NO_BLOCKS, TOTAL, unitIntervals, usableRow, type CohortInterval, type ObservationAt, type SampleBlocks } from '../evidence/units.ts';

/**
 * One request's noise, read off the baseline's successive intervals as the guard reads it for a thin
 * canary (evidence/thinQuantile.ts): slow drift (the day's curve) cancels between neighbours, so what
 * remains is the interval-to-interval noise the sign test meets. logSpread is one interval's share of it.
 */
function quantileSpread(baseline: readonly CohortInterval[]): { logSpread: number; requestsPerInterval: number } | null {
  if (baseline.length < 3) return null;
  const spread = emptySpread();
  for (const interval of baseline) noteSpread(spread, interval);
  const requestsPerInterval = baseline.reduce((sum, c) => sum + c.trials, 0) / baseline.length;
  return { logSpread: (spreadOf(spread) ?? 0) / Math.sqrt(requestsPerInterval), requestsPerInterval };
}

/** A cohort's requests in an interval, and the rows behind them: a row's quantile is its own sample's, so rows of 15 s are four samples a minute of a quarter of its requests each. */
type Tally = Record<'canary' | 'baseline', { requests: number; rows: number }>;

const emptyTally = (): Tally => ({ canary: { requests: 0, rows: 0 }, baseline: { requests: 0, rows: 0 } });

/** Per interval, the total rows' tally (the total is judged on them alone where a cohort has them) and each cell's. */
interface IntervalRequests {
  totals: Tally;
  cells: Map<string, Tally>;
}

function requestsByInterval(model: MetricModel, observations: readonly ObservationAt[], blocks: SampleBlocks): Map<number, IntervalRequests> {
  const out = new Map<number, IntervalRequests>();
  for (const o of observations) {
    if (!usableRow(model, o)) continue;
    const t = blockEnd(o.t, blocks);
    let at = out.get(t);
    if (!at) out.set(t, (at = { totals: emptyTally(), cells: new Map() }));
    let tally = at.totals;
    if (!isTotalRow(o.segment)) {
      if (o.cellOnly) continue;
      const key = cellKey(o.segment);
      tally = at.cells.get(key) ?? emptyTally();
      at.cells.set(key, tally);
    }
    tally[o.cohort].requests += o.weight;
    tally[o.cohort].rows += 1;
  }
  return out;
}

/** The tallies a cohort's requests are judged on in an interval: its total row's, else its cells'. */
const judgedTallies = (at: IntervalRequests, cohort: 'canary' | 'baseline'): { requests: number; rows: number }[] =>
  at.totals[cohort].requests > 0 ? [at.totals[cohort]] : [...at.cells.values()].map((c) => c[cohort]).filter((c) => c.rows > 0);

/** Rows behind a cohort's total row or cell in an interval, on average over those the total is judged on: 1 for a row a minute. */
function rowsPerInterval(intervals: ReadonlyMap<number, IntervalRequests>): number {
  const tallies = [...intervals.values()].flatMap((at) => [...judgedTallies(at, 'canary'), ...judgedTallies(at, 'baseline')]);
  return tallies.length > 0 ? Math.max(1, tallies.reduce((s, c) => s + c.rows, 0) / tallies.length) : 1;
}

const cohortRequests = (at: IntervalRequests, cohort: 'canary' | 'baseline'): number => judgedTallies(at, cohort).reduce((s, c) => s + c.requests, 0);

/**
 * Each cell's requests per interval (both cohorts), busiest first, where most intervals have no total
 * row: a quantile's comparison there stands on the cells alone, and thin cells rarely pair. Null where
 * total rows judge the total.
 */
function cellRequests(intervals: ReadonlyMap<number, IntervalRequests>): number[] | null {
  const pooled = [...intervals.values()].filter((at) => at.totals.canary.rows === 0 && at.totals.baseline.rows === 0);
  if (pooled.length * 2 <= intervals.size) return null;
  const sums = new Map<string, number>();
  for (const at of pooled) for (const [key, c] of at.cells) sums.set(key, (sums.get(key) ?? 0) + c.canary.requests + c.baseline.requests);
  const cells = [...sums.values()].map((s) => s / pooled.length).sort((a, b) => b - a);
  return cells.length > 0 ? cells.slice(0, MAX_TRAFFIC_CELLS) : null;
}

/**
 * One metric's traffic, or null with fewer than two intervals (no rate without a span) or no baseline.
 * Every interval with a usable row counts, and every request on the rows the total is judged on: an
 * interval too thin to be a p95 is not judged, but its time passes, and how often that happens is what
 * a sparse quantile's time to decide turns on.
 */
export function metricTraffic(metric: MetricName, observations: readonly ObservationAt[], blocks: SampleBlocks = NO_BLOCKS): MetricTraffic | null {
  const model = METRICS[metric].model;
  const requests = requestsByInterval(model, observations, blocks);
  const times = [...requests.keys()].sort((a, b) => a - b);
  const baseline = (unitIntervals(model, observations, [], blocks).get(TOTAL) ?? []).flatMap((i) => (i.baseline ? [i.baseline] : []));
  if (times.length < 2 || baseline.length === 0) return null;
  const span = times.at(-1)! - times[0]!;
  if (!(span > 0)) return null;
  // n intervals have n − 1 gaps between them; each interval stands for one gap of time.
  const intervalsPerMinute = (60_000 * (times.length - 1)) / span;
  const trials = [...requests.values()].reduce((s, at) => s + cohortRequests(at, 'canary') + cohortRequests(at, 'baseline'), 0);
  const pooled = baseline.reduce((a, b) => ({ trials: a.trials + b.trials, events: a.events + b.events, logSum: a.logSum + b.logSum, rows: a.rows + b.rows }), { trials: 0, events: 0, logSum: 0, rows: 0 });
  const spread = model.kind !== 'rate' ? quantileSpread(baseline) : null;
  return {
    trialsPerMinute: (trials / times.length) * intervalsPerMinute,
    intervalsPerMinute,
    baselineValue: intervalValue(model, pooled),
    quantile: spread && { ...spread, cells: model.kind === 'quantile' ? cellRequests(requests) : null, rowsPerInterval: rowsPerInterval(requests) },
  };
}

/** Every metric that showed traffic, its intervals pooled as the guard pools them; null when none did. */
export function estimateTraffic(observations: ReadonlyMap<MetricName, readonly ObservationAt[]>, blocks: SampleBlocks = NO_BLOCKS): TrafficEstimate | null {
  const estimate: TrafficEstimate = {};
  for (const [metric, list] of observations) {
    const traffic = metricTraffic(metric, list, blocks);
    if (traffic) estimate[metric] = traffic;
  }
  return Object.keys(estimate).length > 0 ? estimate : null;
}
