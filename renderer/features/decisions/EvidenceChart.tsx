import { memo, useId, useMemo } from 'react';
import type { MetricSeries } from '../../../shared/domain/metrics.ts';
import { bucketLabel, bucketWidth } from '../release-detail/charts/buckets.ts';
import { drawnWithGaps } from '../release-detail/charts/drawn.ts';
import { chartFrame } from '../release-detail/charts/frame.ts';
import { TimeSeriesPlot } from '../release-detail/charts/TimeSeriesPlot.tsx';
import '../release-detail/charts/charts.css';
import type { Gate } from '../../../shared/gates/types.ts';
import { evidenceLimits, type EvidenceSegmentSeries } from './evidence.ts';

const HEIGHT = 130;
const Y_TICKS = 4;
/** Buckets across a small chart: about one per six pixels. */
const BUCKETS = 40;

/**
 * The series a decision was taken on, redrawn from its evidence on the live charts' plot: small,
 * canary against baseline with the limit of the stage's gates then (`gates`), shaded and broken where
 * a line had no samples — of one segment, named, where a gate failed in it (`segment`), else of all
 * segments together.
 */
export const EvidenceChart = memo(function EvidenceChart({
  series,
  segment,
  gates,
  overall = false,
}: {
  series: MetricSeries;
  segment: EvidenceSegmentSeries | null;
  gates: readonly Gate[] | null;
  overall?: boolean;
}) {
  const headingId = useId();
  const view = useMemo(() => {
    const limits = evidenceLimits(gates, series.metric, segment?.gateId ?? null);
    // Means over buckets, as the live charts draw by default: raw 10 s samples of a small segment read as noise.
    const first = series.points[0];
    const last = series.points.at(-1);
    const bucket = first && last && last.t > first.t ? bucketWidth(last.t - first.t, BUCKETS) : null;
    const drawn = drawnWithGaps(series, limits.baseline, bucket, series.unit);
    const thresholds = limits.thresholds.map((t) => t.value);
    return { ...drawn, bucket, limits, frame: chartFrame([drawn], [], thresholds, Y_TICKS, series.unit) };
  }, [series, segment, gates]);
  const limitLabel = view.limits.baseline?.label ?? view.limits.thresholds[0]?.label ?? null;
  return (
    <figure
      className={`evidence-chart${segment ? ' evidence-chart-segment' : ''}`}
      aria-labelledby={headingId}
      data-testid={segment ? `evidence-segment-chart-${series.metric}` : `evidence-chart-${series.metric}`}
    >
      <figcaption id={headingId} className="evidence-chart-head">
        {series.label} <span className="muted">({series.unit})</span>
        {segment ? (
          <span className="evidence-chart-where" data-testid="evidence-chart-segment">
            {' '}
            · {segment.dimension} <strong>{segment.key}</strong> <span className="badge badge-breaking">where {segment.gateId} fails</span>
          </span>
        ) : overall ? (
          <span className="muted"> · all segments</span>
        ) : null}
        <span className="evidence-legend" aria-hidden="true">
          <span className="swatch swatch-canary" /> canary <span className="swatch swatch-baseline" /> baseline
          {limitLabel ? (
            <span data-testid="evidence-limit-legend">
              {' '}
              <span className="swatch swatch-limit" /> {limitLabel.toLowerCase()}
            </span>
          ) : null}
          {view.bucket !== null ? <span data-testid="evidence-bucket-legend">{bucketLabel(view.bucket)} means</span> : null}
          {view.gaps.length > 0 ? (
            <span data-testid="evidence-gap-legend">
              <span className="swatch swatch-gap" /> no data
            </span>
          ) : null}
        </span>
      </figcaption>
      {series.points.length === 0 || !view.frame ? (
        <p className="empty">No samples in the window.</p>
      ) : (
        <TimeSeriesPlot points={view.points} unit={series.unit} limits={view.limits} markers={view.frame.markers} gaps={view.gaps} xDomain={view.frame.xDomain} yDomain={view.frame.yDomain} height={HEIGHT} small />
      )}
    </figure>
  );
});
