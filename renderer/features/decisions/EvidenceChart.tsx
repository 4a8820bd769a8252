import { memo, useId } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricSeries } from '../../../shared/domain/metrics.ts';
import type { EvidenceSegmentSeries } from './evidence.ts';
import { formatClock, formatHourMinute, formatValue } from '../../lib/format.ts';

const CANARY = '#f5a524';
const BASELINE = '#5aa9ff';
const AXIS = '#8b95a7';
const GRID = '#2a3242';
const compact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, notation: 'compact' });
const tooltipStyle = { background: '#151b26', border: '1px solid #333d50', borderRadius: 4, fontSize: 12 };

/**
 * The series a decision was taken on, redrawn from its evidence: small, canary against baseline —
 * of one segment, named, where a gate failed in it (`segment`), else of all segments together.
 */
export const EvidenceChart = memo(function EvidenceChart({ series, segment, overall = false }: { series: MetricSeries; segment: EvidenceSegmentSeries | null; overall?: boolean }) {
  const headingId = useId();
  return (
    <figure
      className={`evidence-chart${segment ? ' evidence-chart-segment' : ''}`}
      aria-labelledby={headingId}
      data-testid={segment ? `evidence-segment-chart-${series.metric}` : `evidence-chart-${series.metric}`}
    >
      <figcaption id={headingId} className="evidence-chart-head">
        {series.label} <span className="muted">({series.unit})</span>
        {segment ? (
          <span className="evidence-chart-where" data-testid="evidence-chart-segment">
            {' '}
            · {segment.dimension} <strong>{segment.key}</strong> <span className="badge badge-breaking">where {segment.gateId} fails</span>
          </span>
        ) : overall ? (
          <span className="muted"> · all segments</span>
        ) : null}
        <span className="evidence-legend" aria-hidden="true">
          <span className="swatch swatch-canary" /> canary <span className="swatch swatch-baseline" /> baseline
        </span>
      </figcaption>
      {series.points.length === 0 ? (
        <p className="empty">No samples in the window.</p>
      ) : (
        <LineChart responsive data={series.points} style={{ width: '100%', height: 130 }} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={formatHourMinute} stroke={AXIS} fontSize={10} minTickGap={24} />
          <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => compact.format(v)} stroke={AXIS} fontSize={10} width={44} />
          <Tooltip
            isAnimationActive={false}
            contentStyle={tooltipStyle}
            labelFormatter={(t) => formatClock(Number(t))}
            formatter={(value, name) => [formatValue(typeof value === 'number' ? value : Number(value), series.unit), name]}
          />
          <Line type="linear" dataKey="canary" name="Canary" stroke={CANARY} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
          <Line type="linear" dataKey="baseline" name="Baseline" stroke={BASELINE} strokeWidth={1.25} dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      )}
    </figure>
  );
});
