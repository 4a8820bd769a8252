// The same recordings in the shapes other sources write them: an outside corpus need not sample every
// minute, pair its cohorts on the same second or label every row. Each shape transforms a scenario's
// rows; the truth stays the scenario's, so the targets read the same way.
import { normal, seededRandom, type BacktestRow } from '../shared/index.ts';

export type ShapeName = 'finer' | 'late-baseline' | 'coarser' | 'totals-only' | 'canary-mix';

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
    const key = [t, row.cohort, row.metric, row.region, row.device, row.tenant].join('\u0000');
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
    const cell = [r.region, r.device, r.tenant].join('\u0000');
    let f = factors.get(cell);
    if (f === undefined) factors.set(cell, (f = Math.exp(0.8 * normal(random))));
    return { ...r, weight: r.weight * f };
  });
}

export const SHAPES: Record<ShapeName, { label: string; apply: (rows: readonly BacktestRow[], start: number) => BacktestRow[] }> = {
  // A minute's noise in all four of its samples: what a scrape every 15 s of the same minute's rate looks like.
  finer: { label: 'samples every 15 s (a minute’s noise in all four)', apply: (rows) => rows.flatMap((r) => [45, 30, 15, 0].map((s) => ({ ...r, t: r.t - s * 1000, weight: r.weight / 4 }))) },
  'late-baseline': { label: 'the baseline sampled 30 s after the canary', apply: (rows) => rows.map((r) => (r.cohort === 'baseline' ? { ...r, t: r.t + 30_000 } : r)) },
  coarser: { label: 'rows of 5 minutes', apply: (rows, start) => pooled(rows, start, 5 * MINUTE, (r) => r) },
  'canary-mix': { label: 'the canary’s traffic leaning to some cells', apply: canaryMix },
  'totals-only': { label: 'totals only (cells pooled, no segments)', apply: (rows, start) => pooled(rows, start, MINUTE, () => ({ region: '', device: '', tenant: '' })) },
};
