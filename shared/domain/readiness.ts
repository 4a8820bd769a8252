// Whether a plan's stages can decide within their soak, before (and while) a rollout runs: the
// traffic it was estimated at, and per stage and gate how long a healthy canary needs to pass.
import { z } from 'zod';
import { MetricName } from './metrics.ts';

/** The most cells a quantile's traffic keeps: the busiest, since thin cells add little to a comparison. */
export const MAX_TRAFFIC_CELLS = 256;

/** One metric's traffic as a release's samples showed it: enough to say "≈ 3 h", not to judge. */
export const MetricTraffic = z.object({
  /** Trials (requests, users, sessions) per minute, canary and baseline together: the same at any split. */
  trialsPerMinute: z.number().min(0),
  /** Intervals (sample times) per minute: sign tests and the dispersion estimate count intervals, not trials. */
  intervalsPerMinute: z.number().positive(),
  /** The baseline's value in the metric's own unit (percent for rates, ms for latency). */
  baselineValue: z.number(),
  /**
   * Quantiles: the spread (standard deviation) of one baseline interval's log value, and the baseline
   * requests behind each interval; one request's noise is logSpread · √requestsPerInterval. `cells`:
   * where the total is pooled from cells (no total rows), each cell's requests per interval, both
   * cohorts, busiest first; a comparison stands only on the cells whose baseline is a quantile.
   * `rowsPerInterval`: rows behind each cohort's total row or cell in an interval (4 for rows of 15 s
   * pooled by the minute), each a quantile of its own share of the requests, with its own bias.
   */
  quantile: z
    .object({
      logSpread: z.number().min(0),
      requestsPerInterval: z.number().positive(),
      cells: z.array(z.number().min(0)).max(MAX_TRAFFIC_CELLS).nullable(),
      rowsPerInterval: z.number().min(1).max(10_000),
    })
    .nullable(),
});
export type MetricTraffic = z.infer<typeof MetricTraffic>;

/**
 * What a release's source means for reading its traffic: the share of it an internal 0 % stage's
 * canary sees (the simulator gives it 1 %; elsewhere its users are not a share of production, so
 * unknown), and the bound on a thin canary's quantile bias its values call for (0 where they are
 * drawn around the level, not from requests: the simulator's).
 */
export const TrafficReading = z.object({
  internalShare: z.number().min(0).max(1).nullable(),
  quantileBias: z.number().min(0).max(10),
});
export type TrafficReading = z.infer<typeof TrafficReading>;

/** Per metric; a metric missing has not been seen. */
export const TrafficEstimate = z.partialRecord(MetricName, MetricTraffic);
export type TrafficEstimate = z.infer<typeof TrafficEstimate>;

/**
 * What shortens a wait: intervals come one a minute whatever the exposure (only the soak helps), a
 * minimum of samples (the stage's or a gate's) can also be lowered, evidence comes faster with exposure.
 */
export const WaitKind = z.enum(['intervals', 'stage_samples', 'gate_samples', 'evidence']);
export type WaitKind = z.infer<typeof WaitKind>;

export const GateDecideTime = z.object({
  gateId: z.string(),
  metric: MetricName,
  /** Minutes from the stage's start until a healthy canary can pass; null when unknown or never. */
  minutesToDecide: z.number().nullable(),
  soakMinutes: z.number(),
  /** null: the traffic is unknown, or the stage has no soak to compare with. */
  canDecideWithinSoak: z.boolean().nullable(),
  /** What the time waits for, or why there is none. */
  why: z.string(),
  /** The kind of what it waits for; null when it has no time. */
  wait: WaitKind.nullable().default(null),
});
export type GateDecideTime = z.infer<typeof GateDecideTime>;

export const StageDecideTime = z.object({
  stageIndex: z.number().int().min(0),
  label: z.string(),
  exposure: z.number(),
  soakMinutes: z.number(),
  /** The slowest gate's time: a stage moves on only once every gate has passed. */
  minutesToDecide: z.number().nullable(),
  canDecideWithinSoak: z.boolean().nullable(),
  why: z.string(),
  /** The kind of what the stage's time waits for (its remedy); null when it has no time. */
  wait: WaitKind.nullable().default(null),
  gates: z.array(GateDecideTime),
});
export type StageDecideTime = z.infer<typeof StageDecideTime>;

/** Where a traffic estimate came from, said so a person can weigh it. */
export const TrafficSource = z.object({
  kind: z.enum(['observed', 'unknown']),
  text: z.string(),
  since: z.number().int(),
  until: z.number().int(),
});
export type TrafficSource = z.infer<typeof TrafficSource>;

/**
 * A rate metric whose pushed samples look like windows that overlap (shared/evidence/serial.ts): each
 * event counted in several rows, which the traffic above and the guard both take for independent draws.
 */
export const SampleOverlap = z.object({
  metric: MetricName,
  /** Pairs of consecutive changes read. */
  pairs: z.number().int().min(0),
  /** Their correlation: about −½ for independent intervals, 0 for windows that overlap. */
  r: z.number(),
});
export type SampleOverlap = z.infer<typeof SampleOverlap>;

export const PlanReadiness = z.object({
  releaseId: z.string(),
  traffic: TrafficEstimate.nullable(),
  source: TrafficSource,
  reading: TrafficReading,
  stages: z.array(StageDecideTime),
  overlaps: z.array(SampleOverlap).max(MetricName.options.length),
});
export type PlanReadiness = z.infer<typeof PlanReadiness>;

/**
 * A time past this share of its soak is close to it: the estimate is about what a typical healthy
 * canary takes, and a sequential test's time to pass varies; audit 9 found 4 of 47 stages estimated
 * within their soak that took longer, at 0.58–0.87 of it.
 */
export const CLOSE_TO_SOAK = 0.75;

export const closeToSoak = (s: Pick<StageDecideTime, 'canDecideWithinSoak' | 'minutesToDecide' | 'soakMinutes'>): boolean =>
  s.canDecideWithinSoak === true && s.minutesToDecide !== null && s.minutesToDecide > CLOSE_TO_SOAK * s.soakMinutes;
