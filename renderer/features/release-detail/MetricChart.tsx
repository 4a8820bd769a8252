import { memo, useMemo } from 'react';
import { gapBands, type GapBand } from '../../../shared/charts/gaps.ts';
import type { MetricSeries } from '../../../shared/domain/metrics.ts';
import type { Decision } from '../../../shared/domain/release.ts';
import { formatValue } from '../../lib/format.ts';
import { useStaggered } from '../../lib/useStaggered.ts';
import { ChartLegend } from './charts/ChartLegend.tsx';
import { drawnPoints, fourDigits, latestDrawn, MAIN_CHART_POINTS } from './charts/drawn.ts';
import { withGapBreaks } from './charts/gapBreaks.ts';
import type { ChartLimits } from './charts/limits.ts';
import type { DecisionMarker } from './charts/markers.ts';
import { MetricVerdict } from './charts/MetricVerdict.tsx';
import { TimeSeriesPlot } from './charts/TimeSeriesPlot.tsx';
import { useChartFrame } from './charts/useChartFrame.ts';

const HEIGHT = 200;
const NO_MARKERS: readonly DecisionMarker[] = [];
const NO_GAPS: readonly GapBand[] = [];

export interface MetricChartProps {
  releaseId: string;
  series: MetricSeries;
  limits: ChartLimits;
  decisions: readonly Decision[];
  /** Its turn among the charts that update together: each redraws in a task of its own. */
  slot: number;
  /** Drawn in time buckets of this width (ms), with the canary's band; null: every point. */
  bucket: number | null;
}

/** One metric, canary against baseline, with its gate's limit, the verdict on it, the decisions taken and where data is missing; the caption doubles as the legend. */
export const MetricChart = memo(function MetricChart({ releaseId, series, limits, decisions, slot, bucket }: MetricChartProps) {
  const headingId = `chart-${series.metric}`;
  // Drawn at once on the page's first render, then in its turn.
  const raw = useStaggered(series.points, slot, true) ?? series.points;
  const gaps = useMemo(() => (series.gaps?.length ? gapBands(series.gaps) : NO_GAPS), [series.gaps]);
  const points = useMemo(() => withGapBreaks(drawnPoints(raw, MAIN_CHART_POINTS, limits.baseline, bucket, series.unit), gaps), [raw, limits.baseline, bucket, series.unit, gaps]);
  const thresholds = useMemo(() => limits.thresholds.map((t) => t.value), [limits]);
  const drawn = useMemo(() => [{ points }], [points]);
  const frame = useChartFrame(drawn, decisions, thresholds, 5, series.unit);
  return (
    <figure className="chart" aria-labelledby={headingId} data-testid={`chart-${series.metric}`}>
      <figcaption className="chart-head">
        <div className="chart-title">
          <h3 id={headingId}>
            {series.label} <span className="muted">({series.unit})</span>
          </h3>
          <MetricVerdict releaseId={releaseId} metric={series.metric} />
        </div>
        <span className="chart-latest">
          <span className="swatch swatch-canary" aria-hidden="true" />
          Canary {formatValue(fourDigits(latestDrawn(points, 'canary')), series.unit)}
          <span className="swatch swatch-baseline" aria-hidden="true" />
          Baseline {formatValue(fourDigits(latestDrawn(points, 'baseline')), series.unit)}
        </span>
        <ChartLegend limits={limits} markers={frame?.markers ?? NO_MARKERS} bucket={bucket} gaps={gaps} />
      </figcaption>
      {!frame ? (
        <p className="empty">No samples yet.</p>
      ) : (
        <TimeSeriesPlot points={points} unit={series.unit} limits={limits} markers={frame.markers} gaps={gaps} xDomain={frame.xDomain} yDomain={frame.yDomain} height={HEIGHT} />
      )}
    </figure>
  );
});
