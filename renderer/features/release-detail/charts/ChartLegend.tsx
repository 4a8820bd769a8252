import type { GapBand } from '../../../../shared/charts/gaps.ts';
import type { ChartLimits } from './limits.ts';
import type { DecisionMarker } from './markers.ts';
import { bucketLabel } from './buckets.ts';
import { formatHourMinute } from '../../../lib/format.ts';

/** What the dashed lines and the shading mean: the limit, the canary's 95 % band per bucket, decisions by the guard or by people, and missing data. */
export function ChartLegend({ limits, markers, bucket = null, gaps = [] }: { limits: ChartLimits; markers: readonly DecisionMarker[]; bucket?: number | null; gaps?: readonly GapBand[] }) {
  const guard = markers.some((m) => m.byGuard);
  const person = markers.some((m) => !m.byGuard);
  const limitLabels = [...limits.thresholds.map((t) => t.label), ...(limits.baseline ? [limits.baseline.label] : [])];
  if (limitLabels.length === 0 && !guard && !person && bucket === null && gaps.length === 0) return null;
  return (
    <span className="chart-legend">
      {bucket !== null ? (
        <span className="chart-legend-item" data-testid="chart-band-legend">
          <span className="swatch swatch-band" aria-hidden="true" /> canary 95 % band, {bucketLabel(bucket)} buckets
        </span>
      ) : null}
      {limitLabels.map((label) => (
        <span key={label} className="chart-legend-item" data-testid="chart-limit-legend">
          <span className="swatch swatch-limit" aria-hidden="true" /> {label}
        </span>
      ))}
      {guard ? (
        <span className="chart-legend-item">
          <span className="swatch-v swatch-guard" aria-hidden="true" /> decision by the guard
        </span>
      ) : null}
      {gaps.length > 0 ? (
        <span className="chart-legend-item" data-testid="chart-gap-legend">
          <span className="swatch swatch-gap" aria-hidden="true" /> {gapLegend(gaps)}
        </span>
      ) : null}
      {person ? (
        <span className="chart-legend-item">
          <span className="swatch-v swatch-person" aria-hidden="true" /> decision by a person
        </span>
      ) : null}
    </span>
  );
}

/** "no data (2 gaps)", "no data since 18:02" while the newest gap is still open. */
function gapLegend(gaps: readonly GapBand[]): string {
  const open = gaps.find((g) => g.open);
  if (open) return `no data since ${formatHourMinute(open.from)}`;
  return gaps.length === 1 ? 'no data (1 gap)' : `no data (${gaps.length} gaps)`;
}
