import { useMemo } from 'react';
import { usePlotArea } from 'recharts';
import { plotScales } from './plotScale.ts';
import { COLOR } from './theme.ts';

export interface GridLinesProps {
  xTicks: readonly number[];
  yTicks: readonly number[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

/** The grid at the axes' ticks, as a handful of plain lines: cheaper to draw and redraw than Recharts' own. */
export function GridLines({ xTicks, yTicks, xDomain, yDomain }: GridLinesProps) {
  const area = usePlotArea();
  const lines = useMemo(() => {
    if (!area) return null;
    const { x, y } = plotScales(area, xDomain, yDomain);
    const r = (v: number) => Math.round(v * 10) / 10;
    return [
      ...xTicks.map((t) => ({ key: `x${t}`, x1: r(x(t)), x2: r(x(t)), y1: area.y, y2: area.y + area.height })),
      ...yTicks.map((v) => ({ key: `y${v}`, x1: area.x, x2: area.x + area.width, y1: r(y(v)), y2: r(y(v)) })),
    ];
  }, [area, xTicks, yTicks, xDomain, yDomain]);
  if (!lines) return null;
  return (
    <g className="plot-grid" stroke={COLOR.grid} strokeDasharray="3 3">
      {lines.map(({ key, ...l }) => (
        <line key={key} {...l} />
      ))}
    </g>
  );
}
