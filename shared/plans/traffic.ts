// A release's traffic per metric, read off its recent samples: what planDecideTimes needs to say how
// long a stage will take. Both cohorts' trials count (their total does not depend on the split); the
// baseline alone gives the value and the noise, since the canary may be what is broken.
import { cellKey, METRICS, type MetricModel, type MetricName } from '../domain/metrics.ts';
import { MAX_TRAFFIC_CELLS, type MetricTraffic, type TrafficEstimate } from '../domain/readiness.ts';
import { blockEnd, intervalValue, isTotalRow, NO_BLOCKS, TOTAL, unitIntervals, usableRow, type CohortInterval, type ObservationAt, type SampleBlocks } from '../evidence/units.ts';

/**
 * Successive differences of the baseline's interval log values: slow drift (the day's curve) cancels
 * between neighbours, so what remains is the interval-to-interval noise the sign test meets.
 * E[(x_t − x_{t−1})²] = c²(1/n_t + 1/n_{t−1}), c² being one request's variance.
 */
function quantileSpread(baseline: readonly CohortInterval[]): { logSpread: number; requestsPerInterval: number } | null {
  if (baseline.length < 3) return null;
  let squares = 0;
  let inverse = 0;
  for (let i = 1; i < baseline.length; i += 1) {
    const a = baseline[i - 1]!;
    const b = baseline[i]!;
    squares += (b.logSum / b.trials - a.logSum / a.trials) ** 2;
    inverse += 1 / a.trials + 1 / b.trials;
  }
  const requestsPerInterval = baseline.reduce((sum, c) => sum + c.trials, 0) / baseline.length;
  return { logSpread: Math.sqrt(squares / inverse / requestsPerInterval), requestsPerInterval };
}

/** Per interval, the requests of both cohorts on the rows the total is judged on, and each cell's. */
interface IntervalRequests {
  /** Requests on total rows, per cohort (the total is judged on them alone where a cohort has them). */
  totals: Record<'canary' | 'baseline', number>;
  cells: Map<string, Record<'canary' | 'baseline', number>>;
  /** Rows behind each: a row's quantile is its own sample's, so rows of 15 s are four samples a minute, each of a quarter of its requests. */
  totalRows: Record<'canary' | 'baseline', number>;
  cellRows: Map<string, Record<'canary' | 'baseline', number>>;
}

function requestsByInterval(model: MetricModel, observations: readonly ObservationAt[], blocks: SampleBlocks): Map<number, IntervalRequests> {
  const out = new Map<number, IntervalRequests>();
  for (const o of observations) {
    if (!usableRow(model, o)) continue;
    const t = blockEnd(o.t, blocks);
    let at = out.get(t);
    if (!at) out.set(t, (at = { totals: { canary: 0, baseline: 0 }, cells: new Map(), totalRows: { canary: 0, baseline: 0 }, cellRows: new Map() }));
    if (isTotalRow(o.segment)) {
      at.totals[o.cohort] += o.weight;
      at.totalRows[o.cohort] += 1;
      continue;
    }
    if (o.cellOnly) continue;
    const key = cellKey(o.segment);
    let cell = at.cells.get(key);
    if (!cell) at.cells.set(key, (cell = { canary: 0, baseline: 0 }));
    cell[o.cohort] += o.weight;
    let rows = at.cellRows.get(key);
    if (!rows) at.cellRows.set(key, (rows = { canary: 0, baseline: 0 }));
    rows[o.cohort] += 1;
  }
  return out;
}

/** Rows a cohort's total row or cell has in an interval, on average over those the total is judged on: 1 for a row a minute. */
function rowsPerInterval(intervals: ReadonlyMap<number, IntervalRequests>): number {
  let rows = 0;
  let sources = 0;
  for (const at of intervals.values()) {
    for (const cohort of ['canary', 'baseline'] as const) {
      if (at.totals[cohort] > 0) {
        rows += at.totalRows[cohort];
        sources += 1;
        continue;
      }
      for (const r of at.cellRows.values()) {
        if (r[cohort] === 0) continue;
        rows += r[cohort];
        sources += 1;
      }
    }
  }
  return sources > 0 ? Math.max(1, rows / sources) : 1;
}

const cohortRequests = (at: IntervalRequests, cohort: 'canary' | 'baseline'): number =>
  at.totals[cohort] > 0 ? at.totals[cohort] : [...at.cells.values()].reduce((s, c) => s + c[cohort], 0);

/**
 * Each cell's requests per interval (both cohorts), busiest first, where most intervals have no total
 * row: a quantile's comparison there stands on the cells alone, and thin cells rarely pair. Null where
 * total rows judge the total.
 */
function cellRequests(intervals: ReadonlyMap<number, IntervalRequests>): number[] | null {
  const pooled = [...intervals.values()].filter((at) => at.totals.canary === 0 && at.totals.baseline === 0);
  if (pooled.length * 2 <= intervals.size) return null;
  const sums = new Map<string, number>();
  for (const at of pooled) for (const [key, c] of at.cells) sums.set(key, (sums.get(key) ?? 0) + c.canary + c.baseline);
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
