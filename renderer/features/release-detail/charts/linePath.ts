import type { ChartPoint } from './limits.ts';

export type LineKey = 'canary' | 'baseline' | 'limit';

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * An SVG path through one line's points, skipping gaps (as connectNulls would). Built by hand: a
 * Recharts <Line> allocates several objects per point on every redraw, which at hundreds of points,
 * a few lines a chart and a redraw a second is what made the page stutter.
 */
export function linePath(points: readonly ChartPoint[], key: LineKey, x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  for (const p of points) {
    const v = p[key];
    if (v === null || v === undefined) continue;
    const px = x(p.t);
    const py = y(v);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    d += `${d ? 'L' : 'M'}${r(px)},${r(py)}`;
  }
  return d;
}
