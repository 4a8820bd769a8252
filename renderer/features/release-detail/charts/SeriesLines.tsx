import { use, useMemo } from 'react';
import { usePlotArea } from 'recharts';
import { linePath, type LineKey } from './linePath.ts';
import { plotScales } from './plotScale.ts';
import { PlotPoints } from './plotPoints.ts';

export interface LineSpec {
  key: LineKey;
  stroke: string;
  width: number;
  dash?: string | undefined;
  className: string;
}

export interface SeriesLinesProps {
  lines: readonly LineSpec[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

/**
 * The chart's lines as plain SVG paths over the plot area, computed once per new set of points
 * (which come by context, so new points redraw these paths and not the chart around them).
 * Each carries the classes a Recharts <Line> has (recharts-line, recharts-line-curve), so what looks
 * for a chart's lines finds them.
 */
export function SeriesLines({ lines, xDomain, yDomain }: SeriesLinesProps) {
  const points = use(PlotPoints);
  const area = usePlotArea();
  const paths = useMemo(() => {
    if (!area) return null;
    const { x, y } = plotScales(area, xDomain, yDomain);
    return lines.map((l) => ({ line: l, d: linePath(points, l.key, x, y) }));
  }, [area, points, lines, xDomain, yDomain]);
  if (!paths) return null;
  return (
    <g className="series-lines">
      {paths.map(({ line, d }) => (
        <g key={line.key} className={`recharts-layer recharts-line ${line.className}`}>
          <path className="recharts-curve recharts-line-curve" d={d} fill="none" stroke={line.stroke} strokeWidth={line.width} strokeDasharray={line.dash} strokeLinejoin="round" />
        </g>
      ))}
    </g>
  );
}
