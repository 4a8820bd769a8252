import { formatClock, formatValue } from '../../../lib/format.ts';
import { bucketLabel } from './buckets.ts';
import type { ChartPoint } from './limits.ts';

const exact = (v: number | null | undefined, unit: string) => formatValue(v === null || v === undefined ? null : Number(v.toPrecision(6)), unit);
const bare = (v: number) => String(Number(v.toPrecision(4)));

/**
 * The exact values at the pointer: canary, baseline and the limit at that time (from the baseline,
 * or the threshold); for a bucket, its time span, how many intervals it averages and the canary's 95 % band.
 */
export function ChartTooltip({ point, unit, threshold, small = false }: { point: ChartPoint; unit: string; threshold: number | null; small?: boolean }) {
  const limit = point.limit ?? threshold;
  const bucketed = point.from !== undefined && point.width !== undefined;
  const band = point.canaryLo !== null && point.canaryLo !== undefined && point.canaryHi !== null && point.canaryHi !== undefined;
  return (
    <div className={small ? 'chart-tooltip chart-tooltip-small' : 'chart-tooltip'} role="status">
      <div className="chart-tooltip-time">
        {bucketed ? `${formatClock(point.from!)}–${formatClock(point.from! + point.width!)} · ${bucketLabel(point.width!)}, ${point.n ?? 0} values` : formatClock(point.t)}
      </div>
      <div>
        <span className="swatch swatch-canary" aria-hidden="true" /> Canary {exact(point.canary, unit)}
        {band ? <span className="chart-tooltip-band"> ({bare(point.canaryLo!)}–{bare(point.canaryHi!)})</span> : null}
      </div>
      <div>
        <span className="swatch swatch-baseline" aria-hidden="true" /> Baseline {exact(point.baseline, unit)}
      </div>
      {limit !== undefined && limit !== null ? (
        <div>
          <span className="swatch swatch-limit" aria-hidden="true" /> Limit {exact(limit, unit)}
        </div>
      ) : null}
    </div>
  );
}
