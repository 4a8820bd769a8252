// The guard's sequential state, persisted between looks (SQLite, as JSON). Versioned: a reader for
// each past version stays, so a stage judged by an older build can still be read.
import { z } from 'zod';

const LogLR = z.array(z.number()).max(64);

/** One e-process against the gate's margin: the failure side mixes over start times (late onsets). */
export const EProcessState = z.object({
  /** Per start time (ms after the stage began), the running log-likelihood ratio per grid point; null until it starts. */
  fail: z.array(z.object({ from: z.number().int().min(0), logLR: LogLR.nullable() })).max(16),
  pass: LogLR,
  /** The first look at which the failure side reached its boundary with enough evidence; stays set. */
  crossedAt: z.number().int().nullable(),
  /** Largest log e-value of the failure side so far (evidence shown to a person). */
  maxLogE: z.number(),
});
export type EProcessState = z.infer<typeof EProcessState>;

export const TestKind = z.enum(['two_rate', 'one_rate', 'sign', 'one_sign']);
export type TestKind = z.infer<typeof TestKind>;

/** Sums of what a test has folded in: events and trials (rates) or bad / good signs (quantiles). */
export const TestSums = z.object({
  pairs: z.number().int().min(0),
  canaryEvents: z.number().min(0),
  canaryTrials: z.number().min(0),
  baselineEvents: z.number().min(0),
  baselineTrials: z.number().min(0),
  /** Quantiles: Σ weight · log(value) per cohort, for the pooled values shown beside the verdict. */
  canaryLog: z.number(),
  baselineLog: z.number(),
  bad: z.number().int().min(0),
  good: z.number().int().min(0),
  /** Σ of squared Pearson residuals and their count: the overdispersion estimate. */
  residualSq: z.number().min(0),
  residualCount: z.number().int().min(0),
  /** Σ and Σ² of the paired differences (quantile tests), for the time-to-decision estimate. */
  diffSum: z.number(),
  diffSq: z.number().min(0),
  firstT: z.number().int().nullable(),
  lastT: z.number().int().nullable(),
});
export type TestSums = z.infer<typeof TestSums>;

export const TestState = z.object({ kind: TestKind, sums: TestSums, eprocess: EProcessState });
export type TestState = z.infer<typeof TestState>;

/** Unit keys: 'total', or `${dimension}=${key}` for a segment. */
export const GuardStageStateV1 = z.object({
  version: z.literal(1),
  releaseId: z.string().max(200),
  stageIndex: z.number().int().min(0),
  stageStartedAt: z.number().int(),
  looks: z.number().int().min(0),
  lastLookAt: z.number().int().nullable(),
  /** Samples with t ≤ this have been folded in; later looks read only what came after. */
  foldedUntil: z.number().int().nullable(),
  gates: z.record(z.string().max(64), z.record(z.string().max(80), TestState)),
});
export type GuardStageState = z.infer<typeof GuardStageStateV1>;

/** Reads any stored version (only v1 exists yet). */
export function readGuardStageState(json: unknown): GuardStageState {
  return GuardStageStateV1.parse(json);
}

export function emptyStageState(releaseId: string, stageIndex: number, stageStartedAt: number): GuardStageState {
  return { version: 1, releaseId, stageIndex, stageStartedAt, looks: 0, lastLookAt: null, foldedUntil: null, gates: {} };
}

export function emptySums(): TestSums {
  return {
    pairs: 0,
    canaryEvents: 0,
    canaryTrials: 0,
    baselineEvents: 0,
    baselineTrials: 0,
    canaryLog: 0,
    baselineLog: 0,
    bad: 0,
    good: 0,
    residualSq: 0,
    residualCount: 0,
    diffSum: 0,
    diffSq: 0,
    firstT: null,
    lastT: null,
  };
}
