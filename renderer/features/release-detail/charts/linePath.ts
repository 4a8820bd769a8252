import type { ChartPoint } from './limits.ts';

export type LineKey = 'canary' | 'baseline' | 'limit';

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * An SVG path through one line's points, bridging a bucket without a value (as connectNulls would)
 * but lifting the pen at a gap's marker (see gapBreaks.ts). Built by hand: a
 * Recharts <Line> allocates several objects per point on every redraw, which at hundreds of points,
 * a few lines a chart and a redraw a second is what made the page stutter.
 */
export function linePath(points: readonly ChartPoint[], key: LineKey, x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  let penDown = false;
  for (const p of points) {
    if (p.breaks !== undefined && breaksLine(p.breaks, key)) {
      penDown = false;
      continue;
    }
    const v = p[key];
    if (v === null || v === undefined) continue;
    const px = x(p.t);
    const py = y(v);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    d += `${penDown ? 'L' : 'M'}${r(px)},${r(py)}`;
    penDown = true;
  }
  return d;
}

/** The limit follows the baseline, so it breaks where the baseline does. */
const breaksLine = (breaks: NonNullable<ChartPoint['breaks']>, key: LineKey): boolean =>
  breaks === 'both' || breaks === key || (key === 'limit' && breaks === 'baseline');

/**
 * The canary's band as closed SVG areas: along the upper bounds, back along the lower ones; a bucket
 * without a band (one value) breaks it, so a gap is never bridged by a made-up interval.
 */
export function bandPath(points: readonly ChartPoint[], x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  let run: ChartPoint[] = [];
  const flush = () => {
    if (run.length >= 2) {
      const upper = run.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(x(p.t))},${r(y(p.canaryHi!))}`).join('');
      const lower = [...run].reverse().map((p) => `L${r(x(p.t))},${r(y(p.canaryLo!))}`).join('');
      d += `${upper}${lower}Z`;
    }
    run = [];
  };
  for (const p of points) {
    const ok = p.canaryLo !== null && p.canaryLo !== undefined && p.canaryHi !== null && p.canaryHi !== undefined && Number.isFinite(x(p.t));
    if (ok) run.push(p);
    else flush();
  }
  flush();
  return d;
}

/** A fixed limit across the plot, as a path (drawn over the lines, like the limit that follows the baseline). */
export function thresholdPath(value: number, x0: number, x1: number, y: (v: number) => number): string {
  const py = y(value);
  return Number.isFinite(py) ? `M${r(x0)},${r(py)}L${r(x1)},${r(py)}` : '';
}
