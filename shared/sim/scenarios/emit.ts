// Writing one value as a BacktestRow, with the data problems real metric pipelines have: canary
// gaps, missing and NaN values, rows with weight 0, and intervals with no traffic at all.
import type { BacktestRow } from '../../backtest/types.ts';
import type { Cohort, MetricName } from '../../domain/metrics.ts';
import type { Cell } from './cells.ts';
import type { Random } from './draw.ts';
import type { DataProblems } from './types.ts';

export interface Reading {
  interval: number;
  t: number;
  cohort: Cohort;
  metric: MetricName;
  cell: Cell;
  /** NaN when the interval had nothing to measure. */
  value: number;
  weight: number;
}

function inGap(problems: DataProblems, interval: number): boolean {
  return problems.canaryGaps.some(([from, to]) => interval >= from && interval < to);
}

export function emit(rows: BacktestRow[], random: Random, problems: DataProblems, r: Reading): void {
  if (r.cohort === 'canary' && inGap(problems, r.interval)) return;
  const row = (value: number | null, weight: number): BacktestRow => ({ t: r.t, cohort: r.cohort, metric: r.metric, value, weight, region: r.cell.region, device: r.cell.device, tenant: r.cell.tenant });
  if (r.weight === 0) {
    if (problems.empty === 'nan') rows.push(row(Number.NaN, 0));
    else if (problems.empty === 'null') rows.push(row(null, 0));
    return;
  }
  // One draw decides the value's fate and one the weight's, so the shares are exact in expectation.
  const fate = random();
  const value = fate < problems.missingShare ? null : fate < problems.missingShare + problems.nanShare ? Number.NaN : r.value;
  rows.push(row(value, random() < problems.zeroWeightShare ? 0 : r.weight));
}
