import { memo, useMemo } from 'react';
import { LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { GapBand } from '../../../../shared/charts/gaps.ts';
import { formatHourMinute } from '../../../lib/format.ts';
import { useElementWidth } from '../../../lib/useElementWidth.ts';
import { GAP_WORDS, gapLabelRows, MARKER_LABEL_OFFSET } from './gapLabels.ts';
import { GridLines } from './GridLines.tsx';
import type { ChartLimits, ChartPoint } from './limits.ts';
import { labelledMarkers, type DecisionMarker } from './markers.ts';
import { PlotPointer } from './PlotPointer.tsx';
import { PlotPoints } from './plotPoints.ts';
import { SeriesLines, type LineSpec } from './SeriesLines.tsx';
import { COLOR, compact } from './theme.ts';
import { timeTicks } from './timeAxis.ts';
import { valueTicks } from './valueDomain.ts';

export interface PlotFrameProps {
  unit: string;
  limits: ChartLimits;
  markers: readonly DecisionMarker[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  height: number;
  /** Where lines have no data, shaded. */
  gaps?: readonly GapBand[];
  /** Small multiples: smaller type, fewer ticks, no marker labels. */
  small?: boolean;
}

export interface TimeSeriesPlotProps extends PlotFrameProps {
  points: readonly ChartPoint[];
}

// Stacked thick to thin, the limit last: the canary cannot hide the baseline, and neither hides the limit.
const CANARY: LineSpec = { key: 'canary', stroke: COLOR.canary, width: 2, className: 'series-canary' };
const BASELINE: LineSpec = { key: 'baseline', stroke: COLOR.baseline, width: 1.5, className: 'series-baseline' };
const LIMIT: LineSpec = { key: 'limit', stroke: COLOR.limit, width: 1.5, dash: '6 4', className: 'series-limit limit-line' };
const WITH_LIMIT = [CANARY, BASELINE, LIMIT];
const WITHOUT_LIMIT = [CANARY, BASELINE];
const NO_GAPS: readonly GapBand[] = [];

const RIGHT_MARGIN = 12;
/** Where a gap's words sit below the band's top, per row: Recharts' own offset, then one line lower. */
const GAP_LABEL_OFFSET = [5, 18] as const;

/**
 * Canary and baseline over time, with the gate's limit (a line following the baseline, or fixed
 * thresholds) and the decisions taken. New points reach the lines and the tooltip through a context,
 * past the Recharts frame, which redraws only when its own props change (a domain, the markers).
 */
export const TimeSeriesPlot = memo(function TimeSeriesPlot({ points, ...frame }: TimeSeriesPlotProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  return (
    <div ref={ref} className="plot" style={{ height: frame.height }}>
      {width === null ? null : (
        <PlotPoints value={points}>
          <PlotFrame {...frame} width={width} />
        </PlotPoints>
      )}
    </div>
  );
});

/**
 * The frame — axes, reference lines — drawn by Recharts from the two domains and their ticks, all
 * given (the domains with allowDataOverflow, so they are taken as they are): the chart holds no
 * data, so Recharts computes nothing per point. The grid, the lines and the pointer are drawn over
 * the same plot area with the same domains and ticks. Its size is given (measured outside), so
 * Recharts does not measure itself either.
 */
const PlotFrame = memo(function PlotFrame({ unit, limits, markers, gaps = NO_GAPS, xDomain, yDomain, height, width, small = false }: PlotFrameProps & { width: number }) {
  const xTicks = useMemo(() => timeTicks(xDomain[0], xDomain[1], small ? 4 : 8), [xDomain, small]);
  const yTicks = useMemo(() => valueTicks(yDomain, small ? 4 : 6), [yDomain, small]);
  const labelled = useMemo(() => (small ? new Set<string>() : labelledMarkers(markers, xDomain, width)), [small, markers, xDomain, width]);
  const yAxisWidth = small ? 44 : 62;
  const gapRows = useMemo(
    () => (small ? gaps.map(() => null) : gapLabelRows(gaps, markers.filter((m) => labelled.has(m.id)), xDomain, [yAxisWidth, width - RIGHT_MARGIN])),
    [small, gaps, markers, labelled, xDomain, yAxisWidth, width],
  );
  const fontSize = small ? 10 : 11;
  const thresholds = useMemo(() => limits.thresholds.map((t) => t.value), [limits]);
  // Both axes take their domain as given and show every given tick, in the frame's colour and size.
  const axis = { type: 'number', allowDataOverflow: true, interval: 0, stroke: COLOR.axis, fontSize } as const;
  return (
    <LineChart width={width} height={height} accessibilityLayer={false} margin={{ top: small ? 4 : 14, right: RIGHT_MARGIN, bottom: 0, left: 0 }}>
      <GridLines xTicks={xTicks} yTicks={yTicks} xDomain={xDomain} yDomain={yDomain} />
      <XAxis {...axis} dataKey="t" scale="linear" domain={xDomain as [number, number]} ticks={xTicks} tickFormatter={formatHourMinute} />
      <YAxis {...axis} domain={yDomain as [number, number]} ticks={yTicks} tickFormatter={compact} width={yAxisWidth} unit={unit === '%' ? '%' : undefined} />
      {gaps.map((g, i) => (
        <ReferenceArea
          key={`${g.lines}@${g.from}`}
          x1={g.from}
          x2={g.to}
          ifOverflow="hidden"
          className={`chart-gap chart-gap-${g.lines}`}
          fill={g.lines === 'canary' ? COLOR.canary : g.lines === 'baseline' ? COLOR.baseline : COLOR.axis}
          fillOpacity={0.12}
          stroke="none"
          label={gapRows[i] == null ? undefined : { value: GAP_WORDS[g.lines], position: 'insideTop', offset: GAP_LABEL_OFFSET[gapRows[i]], fill: COLOR.axis, fontSize: 10 }}
        />
      ))}
      {markers.map((m) => (
        <ReferenceLine
          key={m.id}
          x={m.t}
          className={m.byGuard ? 'decision-marker decision-marker-guard' : 'decision-marker decision-marker-person'}
          stroke={m.byGuard ? COLOR.guard : COLOR.person}
          strokeDasharray={m.byGuard ? '3 3' : undefined}
          strokeWidth={1.25}
          label={!labelled.has(m.id) ? undefined : { value: m.label, position: 'insideTopRight', fill: m.byGuard ? COLOR.guard : COLOR.person, fontSize: 10, offset: MARKER_LABEL_OFFSET }}
        />
      ))}
      <SeriesLines lines={limits.baseline ? WITH_LIMIT : WITHOUT_LIMIT} thresholds={thresholds} xDomain={xDomain} yDomain={yDomain} />
      <PlotPointer xDomain={xDomain} yDomain={yDomain} unit={unit} threshold={limits.thresholds[0]?.value ?? null} small={small} />
    </LineChart>
  );
});
