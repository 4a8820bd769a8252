import type { ChartPoint } from './limits.ts';

/** The lowest and highest canary, baseline and limit values among the series, and the `extra` ones (thresholds). */
export function valueExtent(series: readonly { points: readonly ChartPoint[] }[], extra: readonly number[] = []): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (v: number | null | undefined) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of series) {
    for (const p of s.points) {
      see(p.canary);
      see(p.baseline);
      see(p.limit);
      see(p.canaryLo);
      see(p.canaryHi);
    }
  }
  extra.forEach(see);
  return lo > hi ? null : [lo, hi];
}

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) of at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw * (1 - 1e-9))!;
  return step * magnitude;
}

/**
 * [lo, hi] widened to round numbers, about `ticks` ticks apart, with a little room above and below.
 * Round bounds move only when the data crosses one, so the axes of a live chart rarely change.
 */
export function niceDomain(lo: number, hi: number, ticks = 5): [number, number] {
  const span = hi - lo;
  const room = span > 0 ? span * 0.04 : Math.abs(hi) * 0.05 || 1;
  const step = niceStep((span + 2 * room) / Math.max(1, ticks - 1));
  const floor = Math.floor((lo - room) / step) * step;
  const ceil = Math.ceil((hi + room) / step) * step;
  // Round away binary noise (0.1 + 0.2) so equal domains compare equal.
  const clean = (v: number) => Number(v.toPrecision(12));
  return [clean(floor), clean(ceil)];
}

/**
 * One y-range for all the series given (the small multiples share one, so their heights compare):
 * every canary, baseline and limit value and the thresholds, widened to round numbers (within
 * 0–100 for percentages).
 */
export function sharedDomain(series: readonly { points: readonly ChartPoint[] }[], extra: readonly number[] = [], ticks = 5, unit = ''): [number, number] | null {
  const extent = valueExtent(series, extra);
  if (!extent) return null;
  const [lo, hi] = niceDomain(extent[0], extent[1], ticks);
  // A share cannot pass 0 % or 100 %: the axis need not either.
  return unit === '%' ? [Math.max(lo, Math.min(0, extent[0])), Math.min(hi, Math.max(100, extent[1]))] : [lo, hi];
}

/** Round ticks across a domain, at most `maxTicks`: given to the axis and the grid, so neither works them out. */
export function valueTicks(domain: readonly [number, number], maxTicks: number): number[] {
  const [lo, hi] = domain;
  if (!(hi > lo)) return [lo];
  const step = niceStep((hi - lo) / Math.max(1, maxTicks - 1));
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}
