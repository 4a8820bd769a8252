import type { SeriesPoint } from '../domain/metrics.ts';

export interface XY {
  x: number;
  y: number;
}

/**
 * Largest-triangle-three-buckets (Steinarsson, 2013): keeps the first and last point and, from each
 * bucket between, the point forming the largest triangle with its neighbours' choice — so a spike
 * survives where averaging would flatten it.
 */
export function lttb<T extends XY>(points: readonly T[], threshold: number): T[] {
  if (threshold >= points.length || threshold < 3) return points.slice();
  const out: T[] = [points[0]!];
  const every = (points.length - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i += 1) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, points.length);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j += 1) {
      avgX += points[j]!.x;
      avgY += points[j]!.y;
    }
    const span = Math.max(1, nextEnd - nextStart);
    avgX /= span;
    avgY /= span;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const pa = points[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j += 1) {
      const p = points[j]!;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]!);
    a = best;
  }
  out.push(points[points.length - 1]!);
  return out;
}

/**
 * Thins a canary/baseline series to about `maxPoints` per line. Each line keeps its own LTTB picks;
 * the result is the union of both lines' timestamps, so neither line loses its spikes to the other.
 */
export function downsampleSeries(points: readonly SeriesPoint[], maxPoints: number): SeriesPoint[] {
  if (points.length <= maxPoints) return points.slice();
  const keep = new Set<number>();
  for (const line of ['canary', 'baseline'] as const) {
    const xy = points.flatMap((p, i) => (p[line] === null ? [] : [{ x: p.t, y: p[line], i }]));
    for (const picked of lttb(xy, Math.floor(maxPoints / 2))) keep.add(picked.i);
  }
  return [...keep].sort((x, y) => x - y).map((i) => points[i]!);
}
