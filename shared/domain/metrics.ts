import { z } from 'zod';

export const MetricName = z.enum(['error_rate', 'p95_latency_ms', 'crash_free_users', 'kpi_conversion']);
export type MetricName = z.infer<typeof MetricName>;

export const Cohort = z.enum(['canary', 'baseline']);
export type Cohort = z.infer<typeof Cohort>;

export interface MetricInfo {
  label: string;
  unit: string;
  /** Which way is bad for this metric: a rise in errors, a fall in crash-free users. */
  badWhen: 'increase' | 'decrease';
}

export const METRICS: Record<MetricName, MetricInfo> = {
  error_rate: { label: 'Error rate', unit: '%', badWhen: 'increase' },
  p95_latency_ms: { label: 'p95 latency', unit: 'ms', badWhen: 'increase' },
  crash_free_users: { label: 'Crash-free users', unit: '%', badWhen: 'decrease' },
  kpi_conversion: { label: 'Checkout conversion', unit: '%', badWhen: 'decrease' },
};

export const Segment = z.object({
  region: z.string().max(32).default(''),
  device: z.string().max(32).default(''),
  tenant: z.string().max(32).default(''),
});
export type Segment = z.infer<typeof Segment>;

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

export const MetricSeries = z.object({
  metric: MetricName,
  label: z.string(),
  unit: z.string(),
  points: z.array(SeriesPoint),
});
export type MetricSeries = z.infer<typeof MetricSeries>;
