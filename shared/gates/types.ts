import { z } from 'zod';
import { MetricName } from '../domain/metrics.ts';

export const Dimension = z.enum(['region', 'device', 'tenant']);
export type Dimension = z.infer<typeof Dimension>;

const gateBase = {
  id: z.string().min(1).max(64),
  metric: MetricName,
  /** Judge the same check within each of these dimensions' segments too. */
  segments: z.array(Dimension).max(Dimension.options.length, `at most ${Dimension.options.length} dimensions`).default([]),
  /** Observations (summed weights) a cohort — or a segment — needs before it is judged. */
  minSamples: z.number().int().min(1).default(50),
};

export const ThresholdGate = z.object({
  ...gateBase,
  kind: z.literal('threshold'),
  /** canary `op` value, e.g. crash-free users gte 99.5 */
  op: z.enum(['gte', 'lte']),
  value: z.number(),
});

export const RelativeGate = z.object({
  ...gateBase,
  kind: z.literal('relative'),
  /** canary `op` baseline × factor, e.g. p95 lte baseline × 1.10 */
  op: z.enum(['gte', 'lte']),
  factor: z.number().positive(),
});

export const KpiGate = z.object({
  ...gateBase,
  kind: z.literal('kpi'),
  /** canary gte baseline − points (or lte baseline + points), in the metric's own unit */
  op: z.enum(['gte', 'lte']),
  points: z.number().min(0),
});

export const Gate = z.discriminatedUnion('kind', [ThresholdGate, RelativeGate, KpiGate]);
export type Gate = z.infer<typeof Gate>;
export type GateInput = z.input<typeof Gate>;

export const Outcome = z.enum(['pass', 'fail', 'inconclusive', 'no_data']);
export type Outcome = z.infer<typeof Outcome>;

export const Check = z.object({
  outcome: Outcome,
  canary: z.number().nullable(),
  baseline: z.number().nullable(),
  /** The bound the canary was held to, after applying the baseline where the gate is relative. */
  limit: z.number().nullable(),
  canarySamples: z.number(),
  baselineSamples: z.number(),
});
export type Check = z.infer<typeof Check>;

export const SegmentCheck = Check.extend({ dimension: Dimension, key: z.string() });
export type SegmentCheck = z.infer<typeof SegmentCheck>;

export const GateResult = z.object({
  gateId: z.string(),
  kind: z.enum(['threshold', 'relative', 'kpi']),
  metric: MetricName,
  outcome: Outcome,
  /** Words a person reads in the evidence: what decided it. */
  summary: z.string(),
  total: Check,
  segments: z.array(SegmentCheck),
  /** Present when a statistical judge decided the comparison (the canary-analysis seam). */
  judge: z.record(z.string(), z.unknown()).nullable(),
});
export type GateResult = z.infer<typeof GateResult>;
