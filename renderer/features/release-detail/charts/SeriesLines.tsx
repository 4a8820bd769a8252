import { use, useMemo } from 'react';
import { usePlotArea } from 'recharts';
import { bandPath, linePath, thresholdPath, type LineKey } from './linePath.ts';
import { plotScales } from './plotScale.ts';
import { PlotPoints } from './plotPoints.ts';
import { COLOR } from './theme.ts';

export interface LineSpec {
  key: LineKey;
  stroke: string;
  width: number;
  dash?: string | undefined;
  className: string;
}

export interface SeriesLinesProps {
  lines: readonly LineSpec[];
  /** Fixed limits (threshold gates), drawn across the plot after the lines. */
  thresholds: readonly number[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

/**
 * The chart's lines as plain SVG paths over the plot area, computed once per new set of points
 * (which come by context, so new points redraw these paths and not the chart around them), in the
 * order they stack: the canary's band at the bottom, then the lines as given, then the fixed limits,
 * so a limit is never hidden under the lines it judges. Each line carries the classes a Recharts
 * <Line> has (recharts-line, recharts-line-curve), so what looks for a chart's lines finds them.
 */
export function SeriesLines({ lines, thresholds, xDomain, yDomain }: SeriesLinesProps) {
  const points = use(PlotPoints);
  const area = usePlotArea();
  const drawn = useMemo(() => {
    if (!area) return null;
    const { x, y } = plotScales(area, xDomain, yDomain);
    return {
      band: bandPath(points, x, y),
      paths: lines.map((l) => ({ line: l, d: linePath(points, l.key, x, y) })),
      limits: thresholds.map((v) => ({ v, d: thresholdPath(v, area.x, area.x + area.width, y) })),
    };
  }, [area, points, lines, thresholds, xDomain, yDomain]);
  if (!drawn) return null;
  return (
    <g className="series-lines">
      {drawn.band ? <path className="canary-band" d={drawn.band} fill={COLOR.canary} fillOpacity={0.2} stroke="none" /> : null}
      {drawn.paths.map(({ line, d }) => (
        <g key={line.key} className={`recharts-layer recharts-line ${line.className}`}>
          <path className="recharts-curve recharts-line-curve" d={d} fill="none" stroke={line.stroke} strokeWidth={line.width} strokeDasharray={line.dash} strokeLinejoin="round" />
        </g>
      ))}
      {drawn.limits.map(({ v, d }) => (
        <g key={v} className="threshold-line limit-line">
          <path d={d} fill="none" stroke={COLOR.limit} strokeWidth={1.5} strokeDasharray="6 4" />
        </g>
      ))}
    </g>
  );
}
