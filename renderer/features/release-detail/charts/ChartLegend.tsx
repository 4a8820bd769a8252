import type { ChartLimits } from './limits.ts';
import type { DecisionMarker } from './markers.ts';
import { bucketLabel } from './buckets.ts';

/** What the dashed lines and the band mean: the limit, the canary's 95 % band per bucket, and decisions by the guard or by people. */
export function ChartLegend({ limits, markers, bucket = null }: { limits: ChartLimits; markers: readonly DecisionMarker[]; bucket?: number | null }) {
  const guard = markers.some((m) => m.byGuard);
  const person = markers.some((m) => !m.byGuard);
  const limitLabels = [...limits.thresholds.map((t) => t.label), ...(limits.baseline ? [limits.baseline.label] : [])];
  if (limitLabels.length === 0 && !guard && !person && bucket === null) return null;
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
      {person ? (
        <span className="chart-legend-item">
          <span className="swatch-v swatch-person" aria-hidden="true" /> decision by a person
        </span>
      ) : null}
    </span>
  );
}
