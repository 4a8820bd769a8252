import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { MetricName } from '../../../shared/domain/metrics.ts';
import type { Decision } from '../../../shared/domain/release.ts';
import type { Gate } from '../../../shared/gates/types.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useStore } from '../../store/context.tsx';
import { chartLimits, type ChartLimits } from './charts/limits.ts';
import { MetricChart } from './MetricChart.tsx';
import { bucketWidth } from './charts/buckets.ts';
import { ResolutionPicker } from './charts/ResolutionPicker.tsx';
import { timeExtent } from './charts/timeAxis.ts';
import { ListState } from '../../ui/ListState.tsx';

/**
 * Canary against baseline per metric. New points for every metric arrive once a second; each chart
 * redraws in its own turn (slot), so the page never spends one long task redrawing them all.
 */
export function MetricCharts({ releaseId, gates, decisions }: { releaseId: string; gates: readonly Gate[]; decisions: readonly Decision[] }) {
  // Opening the page fetches what arrived since the last point cached (everything, the first time).
  const metrics = useQuery({ ...useReads().metrics(releaseId), ...FRESH_ON_OPEN });
  const error = appErrorOf(metrics.error);
  // A metric the release neither gates on nor has data for (CPU of a simulated app, say) gets no empty chart.
  const all = metrics.data ?? null;
  const shown = useMemo(() => all?.filter((s) => s.points.length > 0 || gates.some((g) => g.metric === s.metric)) ?? null, [all, gates]);
  const limits = useMemo(() => new Map<MetricName, ChartLimits>(MetricName.options.map((m) => [m, chartLimits(gates, m)])), [gates]);
  const resolution = useStore((s) => s.chartResolution);
  // One bucket width for every chart, from the span they show: they line up, and it changes only when the span crosses a step.
  const extent = shown ? timeExtent(shown) : null;
  const bucket = resolution === 'buckets' && extent ? bucketWidth(extent[1] - extent[0]) : null;

  return (
    <section className="panel metrics" aria-labelledby="metrics-title">
      <div className="panel-head">
        <h2 id="metrics-title">Canary vs baseline</h2>
        <ResolutionPicker bucket={bucket ?? (extent ? bucketWidth(extent[1] - extent[0]) : null)} />
      </div>
      <ListState items={shown} error={error} failed="Could not load the metrics" loading="metrics" empty="No metrics for this release." />
      {shown ? (
        <div className="chart-grid">
          {shown.map((s, i) => (
            <MetricChart key={s.metric} releaseId={releaseId} series={s} limits={limits.get(s.metric)!} decisions={decisions} slot={i} bucket={bucket} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
