// A recording's rows as the guard's units read them: one observation per row, grouped by metric.
import type { MetricName } from '../domain/metrics.ts';
import type { ObservationAt } from '../evidence/units.ts';
import type { BacktestRow } from './types.ts';

/** The rows `keep` accepts, per metric, as observations (the row's labels as its segment). */
export function observationsByMetric(rows: readonly BacktestRow[], keep: (r: BacktestRow) => boolean = () => true): Map<MetricName, ObservationAt[]> {
  const byMetric = new Map<MetricName, ObservationAt[]>();
  for (const r of rows) {
    if (!keep(r)) continue;
    let list = byMetric.get(r.metric);
    if (!list) byMetric.set(r.metric, (list = []));
    list.push({ cohort: r.cohort, segment: { region: r.region, device: r.device, tenant: r.tenant }, t: r.t, value: r.value, weight: r.weight });
  }
  return byMetric;
}
