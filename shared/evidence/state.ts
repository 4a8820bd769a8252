// The guard's sequential state, persisted between looks (SQLite, as JSON). Versioned: a reader for
// each past version stays, so a stage judged by an older build can still be read.
import { z } from 'zod';
import { Unpaired } from '../gates/types.ts';
import { emptySpread } from './thinQuantile.ts';

const LogLR = z.array(z.number()).max(64);

/** One e-process per test: a pass side against the gate's margin, a failure side against judge.failNullShare of it, mixed over start times (late onsets). */
export const EProcessState = z.object({
  /**
   * The failure side's components: each starts at `from` (epoch ms) with its prior weight, and keeps
   * a running log-likelihood ratio per grid point (null until it starts). Components of stages not
   * reached yet are folded into `unstartedLogWeight`, worth their weight × 1.
   */
  fail: z
    .array(
      z.object({
        from: z.number().int(),
        logWeight: z.number(),
        logLR: LogLR.nullable(),
        /**
         * The effect since `from`, as two sums whose ratio is the estimate: Mantel-Haenszel
         * [Σ x_c·n_b/N, Σ x_b·n_c/N] (two rates), [canary events, canary trials] (a threshold), or
         * [intervals past the margin, intervals judged] (quantiles). Absent in states stored before
         * it was kept: it then counts from the next look.
         */
        effect: z.tuple([z.number().min(0), z.number().min(0)]).default([0, 0]),
      }),
    )
    .max(128),
  unstartedLogWeight: z.number().nullable(),
  /** The pass side, this stage only: promotion needs evidence gathered at the stage's own exposure. */
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
  /**
   * Quantiles, this stage: the pass side's signs as it formed them (a thin canary's allowance in,
   * thinQuantile.ts ▸ thinBias) and how many were past the limit, for how long a pass will take. Zero in
   * states stored before they were kept: the plain signs stand in.
   */
  passSigned: z.number().int().min(0).default(0),
  passBad: z.number().int().min(0).default(0),
  /** Σ of squared Pearson residuals and their count: the overdispersion estimate. */
  residualSq: z.number().min(0),
  residualCount: z.number().int().min(0),
  /** Σ and Σ² of the paired differences (quantile tests), for the time-to-decision estimate. */
  diffSum: z.number(),
  diffSq: z.number().min(0),
  firstT: z.number().int().nullable(),
  lastT: z.number().int().nullable(),
  /**
   * The shortest time between two of this unit's intervals so far (ms): how long a row of its source
   * covers, which bounds an interval's evidence (folds.ts ▸ intervalCap). Carried over stages; null
   * before two intervals, and in states stored before it was kept.
   */
  rowMs: z.number().int().positive().nullable().default(null),
  /**
   * Quantiles: one request's noise in log value, read as the planner reads it — Σ of squared changes of
   * the reference series' interval log values over Σ (1/n_t + 1/n_{t−1}) — with that series' last value
   * and requests. The reference is the baseline (the canary for a threshold). It bounds the bias of a
   * quantile of few requests (thinQuantile.ts ▸ thinBias). Carried over stages; zero in states stored before it.
   */
  spreadSq: z.number().min(0).default(0),
  spreadInverse: z.number().min(0).default(0),
  spreadPairs: z.number().int().min(0).default(0),
  spreadLast: z.number().nullable().default(null),
  spreadLastTrials: z.number().min(0).default(0),
  /** This stage's intervals where one cohort reported and the other did not, or both did in no cell they share: what a unit with no pairs lacks. */
  unpaired: Unpaired.default({ canary: 0, baseline: 0, apart: 0 }),
});
export type TestSums = z.infer<typeof TestSums>;

export const TestState = z.object({
  kind: TestKind,
  /** This stage's data. */
  sums: TestSums,
  /** Evidence the failure side carries from earlier stages: canary events seen (rates) or intervals judged (quantiles). */
  carriedEvidence: z.number().min(0),
  eprocess: EProcessState,
});
export type TestState = z.infer<typeof TestState>;

/** Unit keys: 'total', or `${dimension}=${key}` for a segment. */
export const GuardStageStateV2 = z.object({
  version: z.literal(2),
  releaseId: z.string().max(200),
  stageIndex: z.number().int().min(0),
  stageStartedAt: z.number().int(),
  looks: z.number().int().min(0),
  lastLookAt: z.number().int().nullable(),
  /** Samples with t ≤ this have been folded in; later looks read only what came after. */
  foldedUntil: z.number().int().nullable(),
  gates: z.record(z.string().max(64), z.record(z.string().max(80), TestState)),
});
export type GuardStageState = z.infer<typeof GuardStageStateV2>;

/**
 * Version 3 is how version 2 is stored in the guard's table: every grid (each started component's
 * log-likelihood ratios, each pass side), in order of gates, units and components as the text lists
 * them, moved into one base64 string of little-endian float64 values; in its place, the grid's length.
 * Exact, and written at each look in a fiftieth of the time decimal numbers take (core/repos/guardStateText.ts).
 */
const GridLength = z.number().int().min(0).max(64);
export const GuardStageStateTextV3 = GuardStageStateV2.extend({
  version: z.literal(3),
  gates: z.record(
    z.string().max(64),
    z.record(
      z.string().max(80),
      TestState.extend({
        eprocess: EProcessState.extend({
          fail: z.array(EProcessState.shape.fail.element.extend({ logLR: GridLength.nullable() })).max(128),
          pass: GridLength,
        }),
      }),
    ),
  ),
  grids: z.string().max(16_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export type GuardStageStateTextV3 = z.infer<typeof GuardStageStateTextV3>;

/** Version 1 kept each stage's evidence to itself, its components' starts relative to the stage. */
const GuardStageStateV1 = z.object({
  version: z.literal(1),
  releaseId: z.string(),
  stageIndex: z.number().int(),
  stageStartedAt: z.number().int(),
  looks: z.number().int(),
  lastLookAt: z.number().int().nullable(),
  foldedUntil: z.number().int().nullable(),
  gates: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        kind: TestKind,
        sums: TestSums,
        eprocess: z.object({ fail: z.array(z.object({ from: z.number().int(), logLR: LogLR.nullable() })), pass: LogLR, crossedAt: z.number().int().nullable(), maxLogE: z.number() }),
      }),
    ),
  ),
});

/** v1's fixed weights: ½ on the stage's start, the rest split over its later starts. */
function fromV1(v1: z.infer<typeof GuardStageStateV1>): GuardStageState {
  const gates = Object.fromEntries(
    Object.entries(v1.gates).map(([gateId, tests]) => [
      gateId,
      Object.fromEntries(
        Object.entries(tests).map(([unit, t]) => {
          const n = t.eprocess.fail.length;
          const fail = t.eprocess.fail.map((c, j) => ({ from: v1.stageStartedAt + c.from, logWeight: Math.log(j === 0 ? 0.5 : 0.5 / Math.max(1, n - 1)), logLR: c.logLR, effect: [0, 0] as [number, number] }));
          return [unit, { kind: t.kind, sums: t.sums, carriedEvidence: 0, eprocess: { ...t.eprocess, fail, unstartedLogWeight: null } }];
        }),
      ),
    ]),
  );
  return { ...v1, version: 2, gates };
}

/** Any stored version, read as the current one. */
export const StoredGuardStageState = z.union([GuardStageStateV2, GuardStageStateV1.transform(fromV1)]);

/** Reads any stored version. */
export function readGuardStageState(json: unknown): GuardStageState {
  return StoredGuardStageState.parse(json);
}

export function emptyStageState(releaseId: string, stageIndex: number, stageStartedAt: number): GuardStageState {
  return { version: 2, releaseId, stageIndex, stageStartedAt, looks: 0, lastLookAt: null, foldedUntil: null, gates: {} };
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
    passSigned: 0,
    passBad: 0,
    residualSq: 0,
    residualCount: 0,
    diffSum: 0,
    diffSq: 0,
    firstT: null,
    lastT: null,
    rowMs: null,
    ...emptySpread(),
    unpaired: { canary: 0, baseline: 0, apart: 0 },
  };
}
