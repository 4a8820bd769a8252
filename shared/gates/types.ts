import { z } from 'zod';
import { Dimension, MetricName } from '../domain/metrics.ts';
import { GateJudgement } from '../judge/output.ts';
import { Duration, durationSeconds } from '../plans/duration.ts';

export { Dimension } from '../domain/metrics.ts';

const MAX_WARMUP_S = 6 * 3600;

const gateBase = {
  id: z.string().min(1).max(64),
  metric: MetricName,
  /** Judge the same check within each of these dimensions' segments too. */
  segments: z.array(Dimension).max(Dimension.options.length, `at most ${Dimension.options.length} dimensions`).default([]),
  /** Observations (summed weights) a cohort — or a segment — needs before it is judged. */
  minSamples: z.number().int().min(1).default(50),
  /**
   * Rows in this first stretch of each stage are not judged (Argo's initialDelay): for a metric that
   * reads against the canary while traffic shifts, such as orders of a minute over its new sessions.
   */
  warmup: Duration.refine((d) => durationSeconds(d) <= MAX_WARMUP_S, 'a warm-up of at most 6h').optional(),
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

/** A gate's warm-up in seconds; 0 when it has none. */
export const warmupSeconds = (gate: Pick<Gate, 'warmup'>): number => (gate.warmup === undefined ? 0 : durationSeconds(gate.warmup));

/** When a gate starts judging a stage's rows: after its warm-up, if it has one. */
export const settledAt = (gate: Pick<Gate, 'warmup'>, stageStartedAt: number): number => stageStartedAt + warmupSeconds(gate) * 1000;

export const Outcome = z.enum(['pass', 'fail', 'inconclusive', 'no_data']);
export type Outcome = z.infer<typeof Outcome>;

/** What a sequential test has seen for one unit (the total or a segment): the numbers behind its outcome. */
export const UnitEvidence = z.object({
  test: z.enum(['two_rate', 'one_rate', 'sign', 'one_sign']),
  /** The failure side's α share of this test, from the rollout's budget. */
  alpha: z.number(),
  /**
   * log e-value against "worse than the baseline by at most judge.failNullShare of the tolerance",
   * now and at its highest; the test fails at log(1/α) when the effect is also past the margin.
   */
  logE: z.number(),
  maxLogE: z.number(),
  boundary: z.number(),
  /** log e-value against "beyond the margin"; the test passes at log(1/passAlpha). */
  passLogE: z.number(),
  passBoundary: z.number(),
  /** Expected canary events (rates) or paired intervals (quantiles) so far, against the minimum to decide. */
  evidence: z.number(),
  minEvidence: z.number(),
  /** Canary/baseline rate ratio (rates, counted events), or the share of intervals past the limit (quantiles). */
  estimate: z.number().nullable(),
  /** The null's ratio (rates) or ½ (quantiles). */
  margin: z.number().nullable(),
  /** Variance inflation the test allowed for (1 = the counts behave as Poisson). */
  dispersion: z.number(),
  crossedAt: z.number().int().nullable(),
  /**
   * The effect since the start of the evidence the failure side leads with (same units as
   * `estimate`); a failure needs it past the margin. Absent in evidence recorded before it was kept.
   */
  failEffect: z.number().nullable().optional(),
  /**
   * Set while the failure side is past its boundary but has not failed: held by the effect (within
   * the tolerance) or by the evidence (too few canary events, or too few intervals to have seen the
   * counts' noise).
   */
  heldBack: z.enum(['effect', 'evidence']).nullable().optional(),
  /** How long, at the traffic seen so far and this stage's exposure, until the test can pass. */
  needs: z.object({
    minutes: z.number().nullable(),
    why: z.string(),
    /**
     * What the minutes mean: a wait (`waits`), a unit that cannot decide as things stand (`blocked`,
     * minutes null), or one past the limit that cannot pass and fails once its evidence is enough
     * (`failing`, minutes null). Absent in evidence recorded before it was kept: read as blocked.
     */
    kind: z.enum(['waits', 'blocked', 'failing']).optional(),
  }),
});
export type UnitEvidence = z.infer<typeof UnitEvidence>;

/** Intervals of a stage where only one cohort reported, or both did in no cell they share: nothing to compare. */
export const Unpaired = z.object({ canary: z.number().int().min(0), baseline: z.number().int().min(0), apart: z.number().int().min(0).default(0) });
export type Unpaired = z.infer<typeof Unpaired>;

export const Check = z.object({
  outcome: Outcome,
  canary: z.number().nullable(),
  baseline: z.number().nullable(),
  /** The bound the canary was held to, after applying the baseline where the gate is relative. */
  limit: z.number().nullable(),
  canarySamples: z.number(),
  baselineSamples: z.number(),
  /** The sequential test's evidence; absent where a gate was judged on means alone. */
  evidence: UnitEvidence.nullable().optional(),
  /** Absent in looks stored before it was kept. */
  unpaired: Unpaired.optional(),
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
  /**
   * Where a failure is: the one segment of a dimension that fails, or is past the margin with some
   * evidence (shared/evidence/cause.ts), while the others of its dimension are not. Null when the
   * failure shows in several segments of every dimension (it is everywhere), or nothing failed.
   */
  cause: z.object({ dimension: Dimension, key: z.string() }).nullable().optional(),
  /** Set when the metric's data is older than its staleness limit: the outcome is then no data, whatever the evidence said. */
  stale: z.object({ why: z.string(), lastSampleAt: z.number().int().nullable() }).nullable().optional(),
  /** Present when a statistical judge decided the comparison (the canary-analysis seam). */
  judge: GateJudgement.nullable(),
});
export type GateResult = z.infer<typeof GateResult>;
