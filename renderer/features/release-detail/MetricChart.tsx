import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricSeries } from '../../../shared/domain/metrics.ts';
import { formatClock, formatHourMinute, formatValue } from '../../lib/format.ts';

const CANARY = '#f5a524';
const BASELINE = '#5aa9ff';
const AXIS = '#8b95a7';
const GRID = '#2a3242';

const compact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, notation: 'compact' });
const tooltipStyle = { background: '#151b26', border: '1px solid #333d50', borderRadius: 4, fontSize: 12 };

function latest(series: MetricSeries, key: 'canary' | 'baseline'): number | null {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const v = series.points[i]![key];
    if (v !== null) return v;
  }
  return null;
}

/** One metric, canary against baseline; the caption doubles as the legend. No animation: it redraws on every push. */
export const MetricChart = memo(function MetricChart({ series }: { series: MetricSeries }) {
  const headingId = `chart-${series.metric}`;
  return (
    <figure className="chart" aria-labelledby={headingId} data-testid={`chart-${series.metric}`}>
      <figcaption className="chart-head">
        <h3 id={headingId}>
          {series.label} <span className="muted">({series.unit})</span>
        </h3>
        <span className="chart-latest">
          <span className="swatch swatch-canary" aria-hidden="true" />
          Canary {formatValue(latest(series, 'canary'), series.unit)}
          <span className="swatch swatch-baseline" aria-hidden="true" />
          Baseline {formatValue(latest(series, 'baseline'), series.unit)}
        </span>
      </figcaption>
      {series.points.length === 0 ? (
        <p className="empty">No samples yet.</p>
      ) : (
        <LineChart responsive data={series.points} style={{ width: '100%', height: 200 }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatHourMinute}
            stroke={AXIS}
            fontSize={11}
            minTickGap={24}
          />
          <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => compact.format(v)} stroke={AXIS} fontSize={11} width={62} unit={series.unit === '%' ? '%' : undefined} />
          <Tooltip
            isAnimationActive={false}
            contentStyle={tooltipStyle}
            labelFormatter={(t) => formatClock(Number(t))}
            itemSorter={(item) => (item.dataKey === 'canary' ? 0 : 1)}
            formatter={(value, name) => [formatValue(typeof value === 'number' ? value : Number(value), series.unit), name]}
          />
          <Line type="linear" dataKey="canary" name="Canary" stroke={CANARY} strokeWidth={1.75} dot={false} isAnimationActive={false} connectNulls />
          <Line type="linear" dataKey="baseline" name="Baseline" stroke={BASELINE} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      )}
    </figure>
  );
});
