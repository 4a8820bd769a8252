// The same recordings in the shapes other sources write them: an outside corpus need not sample every
// minute, pair its cohorts on the same second or label every row. Each shape transforms a scenario's
// rows; the truth stays the scenario's, so the targets read the same way.
import { cellKey, normal, seededRandom, type BacktestRow } from '../shared/index.ts';

export type ShapeName = 'finer' | 'late-baseline' | 'coarser' | 'totals-only' | 'canary-mix' | 'jittered' | 'wander';

const MINUTE = 60_000;

/**
 * Rows pooled into blocks of `ms` counted from the rollout's start, by the block they end in: rates
 * by weight; a quantile as the weighted geometric mean of its rows (not the pooled requests' own
 * quantile, which the rows cannot give, but a level that moves as they do).
 */
function pooled(rows: readonly BacktestRow[], start: number, ms: number, labels: (r: BacktestRow) => Pick<BacktestRow, 'region' | 'device' | 'tenant'>): BacktestRow[] {
  const blocks = new Map<string, { row: BacktestRow; sum: number; weight: number }>();
  for (const r of rows) {
    const t = start + Math.ceil((r.t - start) / ms) * ms;
    const row = { ...r, ...labels(r), t };
    const key = [t, row.cohort, row.metric, cellKey(row)].join('\u0000');
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = { row, sum: 0, weight: 0 }));
    if (r.value === null || !(r.weight > 0)) continue;
    const quantile = r.metric === 'p95_latency_ms';
    block.sum += (quantile ? Math.log(r.value) : r.value) * r.weight;
    block.weight += r.weight;
  }
  return [...blocks.values()].map(({ row, sum, weight }) => {
    const mean = weight > 0 ? sum / weight : null;
    return { ...row, weight, value: mean === null ? null : row.metric === 'p95_latency_ms' ? Math.exp(mean) : mean };
  });
}

/**
 * The canary's traffic in each cell scaled by its own factor e^(0.8·N(0, 1)), fixed for the rollout
 * (a canary deployed in some regions' clusters more than others, early adopters on some devices):
 * each cell's rates stay the truth's, only the mix of cells differs from the baseline's.
 */
function canaryMix(rows: readonly BacktestRow[], start: number): BacktestRow[] {
  const random = seededRandom(start);
  const factors = new Map<string, number>();
  return rows.map((r) => {
    if (r.cohort !== 'canary') return r;
    const cell = cellKey(r);
    let f = factors.get(cell);
    if (f === undefined) factors.set(cell, (f = Math.exp(0.8 * normal(random))));
    return { ...r, weight: r.weight * f };
  });
}

/**
 * Each row's time moved by its own draw in ±20 s (scrapes that are not aligned, one cohort's scraper
 * late and the other's early): a minute may then hold two of a series' rows and the next none.
 */
function jittered(rows: readonly BacktestRow[], start: number): BacktestRow[] {
  const random = seededRandom(start + 1);
  return rows.map((r) => ({ ...r, t: r.t + Math.round((random() * 2 - 1) * 20_000) }));
}

/**
 * Noise the count and sign models do not see: each of the canary's series (metric × cell) wanders on
 * its own, e^x with x an AR(1) a minute (lag-one correlation 0.9, sd 0.1), not shared with the
 * baseline (a canary on a few hosts, one of them on a noisy neighbour for a quarter of an hour).
 * Outside the promise (shared/judge/README.md, "Known limit"): printed to show its size.
 */
function wander(rows: readonly BacktestRow[], start: number): BacktestRow[] {
  const random = seededRandom(start + 2);
  const rho = 0.9;
  const sd = 0.1;
  const walks = new Map<string, { t: number; x: number }>();
  return [...rows]
    .sort((a, b) => a.t - b.t)
    .map((r) => {
      if (r.cohort !== 'canary') return r;
      const key = `${r.metric}\u0000${cellKey(r)}`;
      let walk = walks.get(key);
      if (!walk) walks.set(key, (walk = { t: r.t, x: sd * normal(random) }));
      for (; walk.t < r.t; walk.t += MINUTE) walk.x = rho * walk.x + Math.sqrt(1 - rho * rho) * sd * normal(random);
      if (r.value === null) return r;
      const f = Math.exp(walk.x);
      // A rate's events scale (crash-free users: the crashed ones), a quantile its value.
      const value = r.metric === 'crash_free_users' ? 100 - Math.min(100, (100 - r.value) * f) : r.metric === 'p95_latency_ms' ? r.value * f : Math.min(100, r.value * f);
      return { ...r, value };
    });
}

export const SHAPES: Record<ShapeName, { label: string; apply: (rows: readonly BacktestRow[], start: number) => BacktestRow[]; outsidePromise?: true }> = {
  // A minute's noise in all four of its samples: what a scrape every 15 s of the same minute's rate looks like.
  finer: { label: 'samples every 15 s (a minute’s noise in all four)', apply: (rows) => rows.flatMap((r) => [45, 30, 15, 0].map((s) => ({ ...r, t: r.t - s * 1000, weight: r.weight / 4 }))) },
  'late-baseline': { label: 'the baseline sampled 30 s after the canary', apply: (rows) => rows.map((r) => (r.cohort === 'baseline' ? { ...r, t: r.t + 30_000 } : r)) },
  coarser: { label: 'rows of 5 minutes', apply: (rows, start) => pooled(rows, start, 5 * MINUTE, (r) => r) },
  'canary-mix': { label: 'the canary’s traffic leaning to some cells', apply: canaryMix },
  jittered: { label: 'each row’s time moved by up to ±20 s', apply: jittered },
  wander: { label: 'the canary’s own slow noise (outside the promise)', apply: wander, outsidePromise: true },
  'totals-only': { label: 'totals only (cells pooled, no segments)', apply: (rows, start) => pooled(rows, start, MINUTE, () => ({ region: '', device: '', tenant: '' })) },
};
