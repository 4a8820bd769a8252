import { memo } from 'react';
import type { GapBand } from '../../../../shared/charts/gaps.ts';
import { formatValue } from '../../../lib/format.ts';
import { useStaggered } from '../../../lib/useStaggered.ts';
import type { ChartLimits, ChartPoint } from './limits.ts';
import type { ChartFrame } from './frame.ts';
import { TimeSeriesPlot } from './TimeSeriesPlot.tsx';
import { fourDigits, latestDrawn } from './drawn.ts';

/** What one small multiple draws: its points and where it has none, in the frame all of them share. */
export interface SegmentView {
  points: readonly ChartPoint[];
  gaps: readonly GapBand[];
  frame: ChartFrame;
}

export interface SegmentChartProps {
  segment: string;
  view: SegmentView;
  breaking: boolean;
  unit: string;
  limits: ChartLimits;
  /** Its turn among the charts that update together: each redraws in a task of its own. */
  slot: number;
}

const HEIGHT = 170;

const short = (v: number | null, unit: string) => formatValue(fourDigits(v), unit);

/** One segment's small multiple; a breaking one (a gate fails in it) is outlined in red and says so. */
export const SegmentChart = memo(function SegmentChart({ segment, view, breaking, unit, limits, slot }: SegmentChartProps) {
  const shown = useStaggered(view, slot);
  return (
    <figure
      className={`segment-chart${breaking ? ' segment-breaking' : ''}`}
      data-testid={`segment-chart-${segment}`}
      data-breaking={String(breaking)}
      aria-label={`${segment}${breaking ? ', breaking' : ''}`}
    >
      <figcaption className="segment-chart-head">
        <span className="segment-title">
          <strong className="mono">{segment}</strong>
          {breaking ? <span className="badge badge-breaking">Breaking</span> : null}
        </span>
        {/* The latest values change with the answer, not in the chart's turn: all captions then repaint together. */}
        <span className="segment-chart-latest muted">
          <span className="swatch swatch-canary" aria-hidden="true" />
          <span className="visually-hidden">canary </span>
          {short(latestDrawn(view.points, 'canary'), unit)}
          <span className="swatch swatch-baseline" aria-hidden="true" />
          <span className="visually-hidden">baseline </span>
          {short(latestDrawn(view.points, 'baseline'), unit)}
        </span>
      </figcaption>
      {shown ? (
        <TimeSeriesPlot points={shown.points} unit={unit} limits={limits} markers={shown.frame.markers} gaps={shown.gaps} xDomain={shown.frame.xDomain} yDomain={shown.frame.yDomain} height={HEIGHT} small />
      ) : (
        <div className="chart-placeholder" style={{ height: HEIGHT }} />
      )}
    </figure>
  );
});
