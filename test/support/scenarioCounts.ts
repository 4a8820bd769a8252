// Helpers for the corpus tests: read a scenario's rows back into counts, as an analyst would.
import type { BacktestRow } from '../../shared/backtest/types.ts';
import type { MetricName } from '../../shared/domain/metrics.ts';

const usable = (r: BacktestRow): r is BacktestRow & { value: number } => r.value !== null && Number.isFinite(r.value) && r.weight > 0;

/** Canary and baseline rows of one metric, paired by minute and cell. */
export function pairs(rows: readonly BacktestRow[], metric: MetricName, keep: (r: BacktestRow) => boolean = () => true): { c: BacktestRow & { value: number }; b: BacktestRow & { value: number } }[] {
  const strata = new Map<string, { c?: BacktestRow & { value: number }; b?: BacktestRow & { value: number } }>();
  for (const r of rows) {
    if (r.metric !== metric || !usable(r) || !keep(r)) continue;
    const key = `${r.t}|${r.region}|${r.device}|${r.tenant}`;
    const s = strata.get(key) ?? {};
    s[r.cohort === 'canary' ? 'c' : 'b'] = r;
    strata.set(key, s);
  }
  return [...strata.values()].filter((s) => s.c && s.b).map((s) => ({ c: s.c!, b: s.b! }));
}

/**
 * Mantel-Haenszel rate ratio, canary over baseline, stratified by minute and cell: the base rates
 * drift and differ by cell, so only counts from the same minute and cell are compared. `events`
 * turns a row's value (a percentage) into its event share, e.g. crash-free 99.7 → 0.3 % crashed.
 */
export function rateRatio(pairsIn: ReturnType<typeof pairs>, events: (value: number) => number = (v) => v): number {
  let num = 0;
  let den = 0;
  for (const { c, b } of pairsIn) {
    const n = c.weight + b.weight;
    num += (((events(c.value) / 100) * c.weight) * b.weight) / n;
    den += (((events(b.value) / 100) * b.weight) * c.weight) / n;
  }
  return num / den;
}

/** Weighted mean difference canary − baseline within strata (points), weights n_c·n_b/(n_c+n_b). */
export function pointShift(pairsIn: ReturnType<typeof pairs>): number {
  let num = 0;
  let den = 0;
  for (const { c, b } of pairsIn) {
    const w = (c.weight * b.weight) / (c.weight + b.weight);
    num += w * (c.value - b.value);
    den += w;
  }
  return num / den;
}

export function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
