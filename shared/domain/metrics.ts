import { z } from 'zod';

export const MetricName = z.enum(['error_rate', 'p95_latency_ms', 'crash_free_users', 'kpi_conversion', 'dependency_error_rate', 'cpu_utilization', 'memory_utilization']);
export type MetricName = z.infer<typeof MetricName>;

export const Cohort = z.enum(['canary', 'baseline']);
export type Cohort = z.infer<typeof Cohort>;

/**
 * What a value is, for the statistics: a rate in percent of its weight (events out of trials —
 * `complement` when the events counted are the rest, e.g. crashed users behind crash-free users),
 * a quantile of the weight's requests, or a level (a gauge such as CPU use, averaged over the interval
 * across the weight's instances). Quantiles and levels are judged alike, by paired intervals.
 */
export type MetricModel = { kind: 'rate'; counts: 'value' | 'complement' } | { kind: 'quantile'; q: number } | { kind: 'level' };

export interface MetricInfo {
  label: string;
  unit: string;
  /** Which way is bad for this metric: a rise in errors, a fall in crash-free users. */
  badWhen: 'increase' | 'decrease';
  model: MetricModel;
}

export const METRICS: Record<MetricName, MetricInfo> = {
  error_rate: { label: 'Error rate', unit: '%', badWhen: 'increase', model: { kind: 'rate', counts: 'value' } },
  p95_latency_ms: { label: 'p95 latency', unit: 'ms', badWhen: 'increase', model: { kind: 'quantile', q: 0.95 } },
  crash_free_users: { label: 'Crash-free users', unit: '%', badWhen: 'decrease', model: { kind: 'rate', counts: 'complement' } },
  kpi_conversion: { label: 'Checkout conversion', unit: '%', badWhen: 'decrease', model: { kind: 'rate', counts: 'value' } },
  dependency_error_rate: { label: 'Dependency errors', unit: '%', badWhen: 'increase', model: { kind: 'rate', counts: 'value' } },
  cpu_utilization: { label: 'CPU use', unit: '%', badWhen: 'increase', model: { kind: 'level' } },
  memory_utilization: { label: 'Memory use', unit: '%', badWhen: 'increase', model: { kind: 'level' } },
};

/** The canary is on the bad side of its limit (above it where more is worse), whatever a test said of it. */
export function pastLimit(metric: MetricName, canary: number, limit: number): boolean {
  return METRICS[metric].badWhen === 'increase' ? canary > limit : canary < limit;
}

/**
 * Why a metric cannot have this value, or null when it can. A rate is a percent of its weight, so
 * outside 0–100 it is not a rate at all (a fraction written as 0.995 is in range and cannot be told
 * from 0.995 %); no metric here is negative. The judge would leave such a value out without a word,
 * so the boundary refuses it, naming the row.
 */
export function valueProblem(metric: MetricName, value: number): string | null {
  const info = METRICS[metric];
  if (info.model.kind === 'rate' && (value < 0 || value > 100)) return `${value} is outside 0 to 100: ${metric} is a percent of its weight`;
  if (value < 0) return `${value} is negative: ${metric} is in ${info.unit}`;
  return null;
}

/** The dimensions a sample is segmented by (and a gate may be judged within). */
export const Dimension = z.enum(['region', 'device', 'tenant']);
export type Dimension = z.infer<typeof Dimension>;

/** The longest label a sample carries: room for a UUID tenant (36) and a Kubernetes-style name (63). */
export const MAX_LABEL_LENGTH = 128;

/**
 * A segment label as a sample carries it: trimmed, as the CSV reader trims its cells (" eu-west" was a
 * cell of its own), and without control characters — a cell's key joins labels with one of them.
 */
export const SegmentLabel = z
  .string()
  .trim()
  .max(MAX_LABEL_LENGTH)
  .refine((label) => !/\p{Cc}/u.test(label), 'a label without control characters (tabs, line ends, NUL)');

export const Segment = z.object({
  region: SegmentLabel.default(''),
  device: SegmentLabel.default(''),
  tenant: SegmentLabel.default(''),
});
export type Segment = z.infer<typeof Segment>;

/** One cell's key (its region × device × tenant), for maps: the labels cannot hold the separator. */
export const cellKey = (s: Pick<Segment, 'region' | 'device' | 'tenant'>): string => `${s.region}\u0000${s.device}\u0000${s.tenant}`;

export const Sample = z.object({
  releaseId: z.string(),
  metric: MetricName,
  cohort: Cohort,
  segment: Segment,
  t: z.number().int(),
  value: z.number(),
  /** How many observations the value stands for; aggregates weight by it. */
  weight: z.number().min(0),
});
export type Sample = z.infer<typeof Sample>;

export const SeriesPoint = z.object({
  t: z.number().int(),
  canary: z.number().nullable(),
  baseline: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

/**
 * A stretch of a line with no sample: the source was unreachable, the service sent nothing, a fetch
 * failed and was not backfilled. `open`: the line has had nothing since `from`, up to the answer's now.
 */
export const SeriesGap = z.object({
  from: z.number().int(),
  to: z.number().int(),
  cohort: Cohort,
  open: z.boolean(),
});
export type SeriesGap = z.infer<typeof SeriesGap>;

export const MetricSeries = z.object({
  metric: MetricName,
  label: z.string(),
  unit: z.string(),
  points: z.array(SeriesPoint),
  /** Where each line has no samples (shared/charts/gaps.ts); absent where none were looked for. */
  gaps: z.array(SeriesGap).max(400).optional(),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

/** One metric in one segment of a dimension (the region eu-west, say), for small multiples. */
export const SegmentSeries = z.object({
  key: z.string(),
  points: z.array(SeriesPoint),
  /** Where the segment's lines have no samples, as for a metric's. */
  gaps: z.array(SeriesGap).max(400).optional(),
});
export type SegmentSeries = z.infer<typeof SegmentSeries>;
