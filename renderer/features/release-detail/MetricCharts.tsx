import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MetricChart } from './MetricChart.tsx';

export function MetricCharts({ releaseId }: { releaseId: string }) {
  const series = useStore((s) => s.series);
  const seriesFor = useStore((s) => s.seriesFor);
  const error = useStore((s) => s.metricsError);
  const shown = seriesFor === releaseId ? series : null;

  return (
    <section className="panel metrics" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Canary vs baseline</h2>
      {error ? <ErrorBanner error={error} context="Could not load the metrics" /> : null}
      {!shown && !error ? <Loading what="metrics" /> : null}
      {shown && shown.length === 0 ? <p className="empty">No metrics for this release.</p> : null}
      {shown ? (
        <div className="chart-grid">
          {shown.map((s) => (
            <MetricChart key={s.metric} series={s} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
