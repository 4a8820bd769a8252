import { useId } from 'react';
import { METRICS, MetricName } from '../../../../shared/domain/metrics.ts';
import { Dimension } from '../../../../shared/gates/types.ts';
import type { SegmentChoice } from './multiples.ts';

const DIMENSION_LABEL: Record<Dimension, string> = { region: 'Region', device: 'Device', tenant: 'Tenant' };

/** Which metric, split by which dimension; "Follow the gates" goes back to the failing gate's choice. */
export function SegmentPicker({ choice, following, onChoose }: { choice: SegmentChoice; following: boolean; onChoose: (choice: SegmentChoice | null) => void }) {
  const metricId = useId();
  const dimensionId = useId();
  return (
    <div className="segment-picker panel-tools">
      <label htmlFor={metricId}>Metric</label>
      <select id={metricId} className="select" value={choice.metric} onChange={(e) => onChoose({ ...choice, metric: MetricName.parse(e.target.value) })}>
        {MetricName.options.map((m) => (
          <option key={m} value={m}>
            {METRICS[m].label}
          </option>
        ))}
      </select>
      <label htmlFor={dimensionId}>By</label>
      <select id={dimensionId} className="select" value={choice.dimension} onChange={(e) => onChoose({ ...choice, dimension: Dimension.parse(e.target.value) })}>
        {Dimension.options.map((d) => (
          <option key={d} value={d}>
            {DIMENSION_LABEL[d]}
          </option>
        ))}
      </select>
      {following ? (
        <span className="muted segment-follow">following the gates</span>
      ) : (
        <button type="button" className="button small" onClick={() => onChoose(null)}>
          Follow the gates
        </button>
      )}
    </div>
  );
}
