import type { ChartLimits } from './limits.ts';
import type { DecisionMarker } from './markers.ts';

/** What the dashed lines mean: the limit, and decisions by the guard or by people. */
export function ChartLegend({ limits, markers }: { limits: ChartLimits; markers: readonly DecisionMarker[] }) {
  const guard = markers.some((m) => m.byGuard);
  const person = markers.some((m) => !m.byGuard);
  const limitLabels = [...limits.thresholds.map((t) => t.label), ...(limits.baseline ? [limits.baseline.label] : [])];
  if (limitLabels.length === 0 && !guard && !person) return null;
  return (
    <span className="chart-legend">
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
