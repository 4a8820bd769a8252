import type { SeriesPoint } from '../../../../shared/domain/metrics.ts';
import type { ChartPoint } from './limits.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Bucket widths a person reads at a glance: 10 s, 1 min, 5 min, 1 h… */
export const BUCKET_STEPS = [5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR];

/** About this many buckets across a chart: a few pixels each at its width, enough to see a trend and a step. */
export const BUCKETS_PER_CHART = 60;

/** What a metric in this unit can be: a share 0–100 %, anything else not below 0 (every metric the console charts is a rate, a share or a latency). */
export function metricBounds(unit: string): [number, number] {
  return unit === '%' ? [0, 100] : [0, Infinity];
}

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The bucket width for a time span: the smallest round width that gives at most `target` buckets
 * (an hour: 1 min; six hours: 10 min). It changes only when the span crosses a step, so a live chart
 * keeps its buckets while it grows.
 */
export function bucketWidth(spanMs: number, target = BUCKETS_PER_CHART): number {
  const wanted = Math.max(0, spanMs) / target;
  return BUCKET_STEPS.find((s) => s >= wanted) ?? BUCKET_STEPS.at(-1)!;
}

/** "1 min", "10 s", "2 h": a bucket width in words. */
export function bucketLabel(ms: number): string {
  if (ms < MINUTE) return `${ms / SECOND} s`;
  if (ms < HOUR) return `${ms / MINUTE} min`;
  return `${ms / HOUR} h`;
}

/** A bucketed point: the bucket's means, and around the canary's its 95 % interval (null with fewer than two canary values). */
export type BucketPoint = ChartPoint & Required<Pick<ChartPoint, 'canaryLo' | 'canaryHi' | 'n' | 'from' | 'width'>>;

/**
 * Points gathered into buckets of `width` ms on the clock (14:02:00–14:03:00): each bucket's canary
 * and baseline are the means of the intervals in it, drawn at their mean time; around the canary, the
 * 95 % interval of its mean from the spread of those intervals (mean ± 1.96·s/√n), so a noisy or thin
 * stretch shows as wide and a steady one as narrow. Sparse history and dense live ticks then draw
 * alike, instead of the density change looking like an event.
 */
export function bucketPoints(points: readonly SeriesPoint[], width: number, bounds: readonly [number, number] = [-Infinity, Infinity]): BucketPoint[] {
  const out: BucketPoint[] = [];
  let i = 0;
  while (i < points.length) {
    const from = Math.floor(points[i]!.t / width) * width;
    const to = from + width;
    let tSum = 0;
    let count = 0;
    let cSum = 0;
    let cSq = 0;
    let cN = 0;
    let bSum = 0;
    let bN = 0;
    for (; i < points.length && points[i]!.t < to; i++) {
      const p = points[i]!;
      tSum += p.t;
      count += 1;
      if (p.canary !== null && Number.isFinite(p.canary)) {
        cSum += p.canary;
        cSq += p.canary * p.canary;
        cN += 1;
      }
      if (p.baseline !== null && Number.isFinite(p.baseline)) {
        bSum += p.baseline;
        bN += 1;
      }
    }
    const canary = cN > 0 ? cSum / cN : null;
    let canaryLo: number | null = null;
    let canaryHi: number | null = null;
    if (canary !== null && cN >= 2) {
      const variance = Math.max(0, (cSq - cN * canary * canary) / (cN - 1));
      const half = Z95 * Math.sqrt(variance / cN);
      // A share stays within 0–100 %, a latency above 0: the band says no more than the metric can be.
      canaryLo = Math.max(bounds[0], canary - half);
      canaryHi = Math.min(bounds[1], canary + half);
    }
    out.push({ t: Math.round(tSum / count), canary, baseline: bN > 0 ? bSum / bN : null, canaryLo, canaryHi, n: cN, from, width });
  }
  return out;
}
