// What the judge returns, as schemas: a gate result keeps it verbatim in the evidence, so renaming a
// field here is a compile error in every reader, not a blank panel with the tests green.
import { z } from 'zod';
import { Dimension } from '../domain/metrics.ts';
import { MetricDirection } from './config.ts';

export const CleanCounts = z.object({
  /** Values received. */
  raw: z.number().int().min(0),
  /** Missing values (NaN or ±∞) found; removed or replaced according to the strategy. */
  missing: z.number().int().min(0),
  /** Values dropped as outliers. */
  outliers: z.number().int().min(0),
  /** Values the test used. */
  used: z.number().int().min(0),
});
export type CleanCounts = z.infer<typeof CleanCounts>;

export const SequentialTestState = z.object({
  /** Always-valid p-value so far: min over looks of 1/Λ, capped at 1. Never rises. */
  p: z.number(),
  /** The look at which Λ first reached 1/α; null while it has not. */
  crossedAtLook: z.number().int().nullable(),
});
export type SequentialTestState = z.infer<typeof SequentialTestState>;

/** What a caller keeps between looks (JSON-able): the look count and each test's running p. */
export const SequentialState = z.object({
  method: z.literal('msprt'),
  looks: z.number().int().min(0),
  /** Keyed by metric name, or `metric|dimension=key` for a segment. */
  tests: z.record(z.string(), SequentialTestState),
});
export type SequentialState = z.infer<typeof SequentialState>;

export const SequentialResult = z.object({
  method: z.literal('mSPRT'),
  look: z.number().int(),
  tau: z.number(),
  /** m·n/(m+n), the information of this look. */
  information: z.number(),
  /** log Λ at this look (null when it is −∞: no evidence at all, e.g. all values equal). */
  logLikelihoodRatio: z.number().nullable(),
  /** min(1, 1/max Λ) over this and earlier looks. */
  alwaysValidP: z.number(),
  /** Λ must reach this (1/α) to reject. */
  boundary: z.number(),
  crossed: z.boolean(),
  crossedAtLook: z.number().int().nullable(),
});
export type SequentialResult = z.infer<typeof SequentialResult>;

export const Classification = z.enum(['Pass', 'High', 'Low', 'NoData']);
export type Classification = z.infer<typeof Classification>;

export const AnalysisOutcome = z.enum(['pass', 'fail', 'inconclusive', 'no_data']);
export type AnalysisOutcome = z.infer<typeof AnalysisOutcome>;

export const CohortSummary = z.object({ counts: CleanCounts, mean: z.number().nullable(), median: z.number().nullable() });
export type CohortSummary = z.infer<typeof CohortSummary>;

export const Judgement = z.object({
  classification: Classification,
  /** The Critical flag: the effect crossed a critical bound in a bad direction (fails the analysis). */
  criticalBreach: z.boolean(),
  /** High or Low in a direction that is bad for the metric. */
  failed: z.boolean(),
  /** What decided it, in words. */
  reason: z.string(),
  canary: CohortSummary,
  baseline: CohortSummary,
  effect: z.object({
    /** mean(canary)/mean(baseline) (1 + difference/|baseline mean| when that mean is negative); null when undefined. */
    ratio: z.number().nullable(),
    /** mean(canary) − mean(baseline). */
    difference: z.number().nullable(),
    medianDifference: z.number().nullable(),
    /** Hodges-Lehmann shift: the median of all canary − baseline differences. */
    hodgesLehmann: z.number().nullable(),
  }),
  test: z
    .object({
      name: z.literal('mann-whitney-u'),
      /** U of the canary sample. */
      statistic: z.number().nullable(),
      /** The fixed-sample p-value of this look alone (SciPy's mannwhitneyu). */
      pValue: z.number().nullable(),
      method: z.enum(['exact', 'asymptotic']),
      alternative: z.enum(['two-sided', 'less', 'greater']),
      alpha: z.number(),
      z: z.number().nullable(),
    })
    .nullable(),
  /** Whether the test rejected: by the sequential boundary when looking repeatedly, else p ≤ α. */
  significant: z.boolean(),
  sequential: SequentialResult.nullable(),
});
export type Judgement = z.infer<typeof Judgement>;

export const SegmentJudgement = Judgement.extend({
  dimension: Dimension,
  key: z.string(),
  /** The segment fails while the metric's total does not: it breaks alone. */
  breaksAlone: z.boolean(),
});
export type SegmentJudgement = z.infer<typeof SegmentJudgement>;

export const MetricResult = Judgement.extend({
  name: z.string(),
  group: z.string(),
  direction: MetricDirection,
  /** The metric is configured critical: its failure fails the analysis. */
  critical: z.boolean(),
  /** The total or any segment failed: the metric counts as failing in its group's score. */
  metricFailed: z.boolean(),
  segments: z.array(SegmentJudgement),
});
export type MetricResult = z.infer<typeof MetricResult>;

export const GroupResult = z.object({
  name: z.string(),
  weight: z.number(),
  /** Share of passing metrics among those with data, 0–100; null when none had data. */
  score: z.number().nullable(),
  judged: z.number().int().min(0),
  passed: z.number().int().min(0),
  metrics: z.array(z.string()),
});
export type GroupResult = z.infer<typeof GroupResult>;

export const JudgeResult = z.object({
  outcome: AnalysisOutcome,
  /** Weighted sum of group scores, 0–100 (weights of groups without data spread over the rest). */
  score: z.number().nullable(),
  thresholds: z.object({ marginal: z.number(), pass: z.number() }),
  reason: z.string(),
  /** Metrics (or metric segments) whose failure failed the analysis outright. */
  criticalFailures: z.array(z.string()),
  groups: z.array(GroupResult),
  metrics: z.array(MetricResult),
  alpha: z.number(),
  /** Present when judged as one look of a sequence: pass `state` to the next look. */
  sequential: z.object({ look: z.number().int(), state: SequentialState }).nullable(),
});
export type JudgeResult = z.infer<typeof JudgeResult>;

/** The judge's result as a gate keeps it: which gate, and how the samples were taken. */
export const GateJudgement = JudgeResult.extend({
  samplesAre: z.string(),
  gateId: z.string(),
});
export type GateJudgement = z.infer<typeof GateJudgement>;
