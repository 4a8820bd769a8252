import type { SeriesPoint } from '../../../../shared/domain/metrics.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);
const QUANTA = [5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE, 60 * MINUTE];

/** The first and last time among the series (small multiples share one span), stretched to the decisions marked on them. */
export function timeExtent(series: readonly { points: readonly SeriesPoint[] }[], markerTimes: readonly number[] = []): [number, number] | null {
  let start = Infinity;
  let end = -Infinity;
  for (const { points } of series) {
    const first = points[0];
    const last = points.at(-1);
    if (!first || !last) continue;
    start = Math.min(start, first.t);
    end = Math.max(end, last.t);
  }
  if (start > end) return null;
  for (const t of markerTimes) if (t > end) end = t;
  return [start, end];
}

/**
 * [start, end] widened to whole quanta of at most a 24th of the span (a minute for half an hour): a
 * live chart's time axis then moves every minute or so rather than on every tick, and the
 * newest point sits at most a quantum from the right edge.
 */
export function liveTimeDomain(start: number, end: number): [number, number] {
  const span = Math.max(end - start, SECOND);
  const quantum = [...QUANTA].reverse().find((q) => q <= span / 24) ?? QUANTA[0]!;
  const from = Math.floor(start / quantum) * quantum;
  const to = Math.ceil(end / quantum) * quantum;
  return [from, to > from ? to : from + quantum];
}

/**
 * Round-time ticks (every 1, 2, 5, 10, 15, 30 minutes…) across [from, to], at most `maxTicks`, in
 * local time. Given to the axis, they spare Recharts working ticks out itself.
 */
export function timeTicks(from: number, to: number, maxTicks: number, utcOffsetMs = -new Date(from).getTimezoneOffset() * MINUTE): number[] {
  if (!(to > from)) return [from];
  const span = to - from;
  const step = TICK_STEPS.find((s) => Math.floor(span / s) + 1 <= maxTicks) ?? TICK_STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let t = Math.ceil((from + utcOffsetMs) / step) * step - utcOffsetMs; t <= to; t += step) ticks.push(t);
  return ticks.length ? ticks : [from, to];
}
