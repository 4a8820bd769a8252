import { useId } from 'react';
import { METRICS, MetricName } from '../../../../shared/domain/metrics.ts';
import { Dimension } from '../../../../shared/gates/types.ts';
import type { SegmentChoice, SegmentsWithData } from './multiples.ts';

const DIMENSION_LABEL: Record<Dimension, string> = { region: 'Region', device: 'Device', tenant: 'Tenant' };

/**
 * Which metric, split by which dimension; "Follow the gates" goes back to the failing gate's choice.
 * Only metrics and dimensions with samples are offered (`available`; all while it is not known yet).
 */
export function SegmentPicker({
  choice,
  available,
  following,
  onChoose,
}: {
  choice: SegmentChoice;
  available: SegmentsWithData | null;
  following: boolean;
  onChoose: (choice: SegmentChoice | null) => void;
}) {
  const metricId = useId();
  const dimensionId = useId();
  const metrics = available ? MetricName.options.filter((m) => available.has(m)) : MetricName.options;
  const dimensions = available ? (available.get(choice.metric) ?? []) : Dimension.options;
  return (
    <div className="segment-picker panel-tools">
      <label htmlFor={metricId}>Metric</label>
      <select
        id={metricId}
        className="select"
        value={choice.metric}
        onChange={(e) => {
          const metric = MetricName.parse(e.target.value);
          const dims = available?.get(metric);
          onChoose({ metric, dimension: !dims || dims.includes(choice.dimension) ? choice.dimension : dims[0]! });
        }}
      >
        {metrics.map((m) => (
          <option key={m} value={m}>
            {METRICS[m].label}
          </option>
        ))}
      </select>
      <label htmlFor={dimensionId}>By</label>
      <select id={dimensionId} className="select" value={choice.dimension} onChange={(e) => onChoose({ ...choice, dimension: Dimension.parse(e.target.value) })}>
        {dimensions.map((d) => (
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
