import { formatClock, formatValue } from '../../../lib/format.ts';
import type { ChartPoint } from './limits.ts';

const exact = (v: number | null | undefined, unit: string) => formatValue(v === null || v === undefined ? null : Number(v.toPrecision(6)), unit);

/** The exact values at the pointer: canary, baseline and the limit at that time (from the baseline, or the threshold). */
export function ChartTooltip({ point, unit, threshold, small = false }: { point: ChartPoint; unit: string; threshold: number | null; small?: boolean }) {
  const limit = point.limit ?? threshold;
  return (
    <div className={small ? 'chart-tooltip chart-tooltip-small' : 'chart-tooltip'} role="status">
      <div className="chart-tooltip-time">{formatClock(point.t)}</div>
      <div>
        <span className="swatch swatch-canary" aria-hidden="true" /> Canary {exact(point.canary, unit)}
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
