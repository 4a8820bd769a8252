import type { MetricName, SeriesPoint } from '../../../../shared/domain/metrics.ts';
import { METRICS } from '../../../../shared/domain/metrics.ts';
import type { Gate } from '../../../../shared/gates/types.ts';

/** A fixed bound from a threshold gate: drawn as a horizontal line. */
export interface Threshold {
  gateId: string;
  value: number;
  label: string;
}

/** A bound that follows the baseline (relative and KPI gates): baseline × scale + offset at each point. */
export interface BaselineLimit {
  gateId: string;
  scale: number;
  offset: number;
  label: string;
}

/** What a metric's chart draws for the gates on that metric. */
export interface ChartLimits {
  thresholds: Threshold[];
  /** The first relative or KPI gate's limit; a second one would only clutter the chart. */
  baseline: BaselineLimit | null;
}

/** A drawn point: canary, baseline and, where a gate follows the baseline, the limit at that time. */
export interface ChartPoint extends SeriesPoint {
  limit?: number | null;
  /** A bucketed point: the 95 % interval of the canary's mean, how many values it averages, and the bucket itself. */
  canaryLo?: number | null;
  canaryHi?: number | null;
  n?: number;
  from?: number;
  width?: number;
  /** A marker inside a gap: the lines it names lift the pen here, so no line is drawn across missing data. */
  breaks?: 'both' | 'canary' | 'baseline';
}

const OP = { gte: '≥', lte: '≤' } as const;
const num = (v: number) => String(Number(v.toPrecision(6)));
const withUnit = (v: number, unit: string) => (unit === '%' ? `${num(v)}%` : unit ? `${num(v)} ${unit}` : num(v));

export function chartLimits(gates: readonly Gate[], metric: MetricName): ChartLimits {
  const unit = METRICS[metric].unit;
  const thresholds: Threshold[] = [];
  let baseline: BaselineLimit | null = null;
  for (const gate of gates) {
    if (gate.metric !== metric) continue;
    if (gate.kind === 'threshold') {
      thresholds.push({ gateId: gate.id, value: gate.value, label: `Limit ${OP[gate.op]} ${withUnit(gate.value, unit)}` });
    } else if (!baseline && gate.kind === 'relative') {
      baseline = { gateId: gate.id, scale: gate.factor, offset: 0, label: `Limit (baseline × ${num(gate.factor)})` };
    } else if (!baseline && gate.kind === 'kpi') {
      const offset = gate.op === 'gte' ? -gate.points : gate.points;
      const what = unit === '%' ? `${num(gate.points)} points` : withUnit(gate.points, unit);
      baseline = { gateId: gate.id, scale: 1, offset, label: `Limit (baseline ${offset < 0 ? '−' : '+'} ${what})` };
    }
  }
  return { thresholds, baseline };
}

export function limitAt(baseline: number | null, limit: BaselineLimit): number | null {
  return baseline === null ? null : baseline * limit.scale + limit.offset;
}

/** The points with the limit at each one; the same array when no gate follows the baseline. */
export function withLimit(points: readonly SeriesPoint[], limit: BaselineLimit | null): readonly ChartPoint[] {
  if (!limit) return points;
  return points.map((p) => ({ ...p, limit: limitAt(p.baseline, limit) }));
}
