import { use, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { usePlotArea } from 'recharts';
import { ChartTooltip } from './ChartTooltip.tsx';
import { pointerStops } from './gapBreaks.ts';
import { nearestIndex, plotScales, steppedIndex } from './plotScale.ts';
import { COLOR } from './theme.ts';
import { PlotPoints } from './plotPoints.ts';

export interface PlotPointerProps {
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  unit: string;
  threshold: number | null;
  small: boolean;
}

const TIP = { width: 176, height: 84 };
const SMALL_TIP = { width: 160, height: 64 };
// A bucket says its span and the canary's band too.
const BUCKET_TIP = { width: 236, height: 88 };
const SMALL_BUCKET_TIP = { width: 210, height: 66 };

/**
 * The pointer over the plot: a cursor line at the nearest point, dots on the lines and a tooltip
 * with the exact values. Its own state, so moving the pointer redraws only this layer, not the chart.
 * The plot takes focus too, and arrow keys walk the points, so the values read without a mouse.
 * Both stop at drawn points only, never at a gap's break marker.
 */
export function PlotPointer({ xDomain, yDomain, unit, threshold, small }: PlotPointerProps) {
  const drawn = use(PlotPoints);
  const points = useMemo(() => pointerStops(drawn), [drawn]);
  const area = usePlotArea();
  const [t, setT] = useState<number | null>(null);
  if (!area) return null;
  const { x, y } = plotScales(area, xDomain, yDomain);
  const index = t === null ? -1 : nearestIndex(points, t);
  const point = index >= 0 ? points[index] : undefined;

  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const share = box.width > 0 ? (e.clientX - box.left) / box.width : 0;
    setT(xDomain[0] + Math.min(1, Math.max(0, share)) * (xDomain[1] - xDomain[0]));
  };

  const onKey = (e: KeyboardEvent<SVGRectElement>) => {
    if (e.key === 'Escape') return setT(null);
    const next = steppedIndex(index, points.length, e.key);
    if (next === null) return;
    e.preventDefault();
    setT(points[next]!.t);
  };

  const bucketed = point?.width !== undefined;
  const tip = bucketed ? (small ? SMALL_BUCKET_TIP : BUCKET_TIP) : small ? SMALL_TIP : TIP;
  const px = point ? x(point.t) : 0;
  const tipX = px + 12 + tip.width > area.x + area.width ? px - 12 - tip.width : px + 12;
  const dots = point
    ? ([
        ['canary', point.canary, COLOR.canary],
        ['baseline', point.baseline, COLOR.baseline],
      ] as const)
    : [];
  return (
    <g className="plot-pointer">
      {point ? (
        <>
          <line x1={px} x2={px} y1={area.y} y2={area.y + area.height} stroke={COLOR.axis} strokeWidth={1} pointerEvents="none" />
          {dots.map(([key, v, color]) => (v === null ? null : <circle key={key} cx={px} cy={y(v)} r={3} fill={color} stroke="#0d1117" strokeWidth={1} pointerEvents="none" />))}
        </>
      ) : null}
      <rect
        className="plot-focus"
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        tabIndex={0}
        role="img"
        aria-label="Values over time: arrow keys move along the points, Escape hides them"
        onPointerMove={onMove}
        onPointerLeave={() => setT(null)}
        onKeyDown={onKey}
        onBlur={() => setT(null)}
      />
      {point ? (
        <foreignObject x={Math.max(area.x, tipX)} y={area.y + (small ? 0 : 4)} width={tip.width} height={tip.height} pointerEvents="none">
          <ChartTooltip point={point} unit={unit} threshold={threshold} small={small} />
        </foreignObject>
      ) : null}
    </g>
  );
}
