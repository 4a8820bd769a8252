// The immutable snapshot a decision was taken on, as it is stored with the decision. Persisted JSON
// has a schema and a version: a build reads every version written before it
// (decisionEvidenceVersions.ts) and writes only this one.
import { z } from 'zod';
import { GuardStageStateV2 } from '../evidence/state.ts';
import { OverrideReasonCode } from '../rollout/guardRules.ts';
import { GateOverride, StageEvaluation } from '../rollout/stageEvaluation.ts';
import { SourceStatus } from '../sources/freshness.ts';
import { Dimension, MetricName, SeriesGap, SeriesPoint } from './metrics.ts';
import { PreflightEvidence } from './preflight.ts';
import { Stage } from './stage.ts';

export const DECISION_EVIDENCE_VERSION = 2;

/** One metric's canary and baseline over the window the decider saw. */
export const SeriesEvidence = z.object({
  unit: z.string(),
  points: z.array(SeriesPoint),
  /** Where its lines had no samples, as the live chart showed them; absent in evidence kept before gaps were. */
  gaps: z.array(SeriesGap).max(400).optional(),
});
export type SeriesEvidence = z.infer<typeof SeriesEvidence>;

/** Where a gate failed in one segment, that segment's canary and baseline over the same window. */
export const SegmentSeriesEvidence = z.object({
  metric: MetricName,
  gateId: z.string(),
  dimension: Dimension,
  key: z.string(),
  unit: z.string(),
  points: z.array(SeriesPoint),
  gaps: z.array(SeriesGap).max(400).optional(),
});
export type SegmentSeriesEvidence = z.infer<typeof SegmentSeriesEvidence>;

/** A resume at a chosen fraction (Google Play): what the target ran at before and after. */
export const ExposureChange = z.object({ from: z.number().nullable(), to: z.number().nullable(), chosen: z.number() });
export type ExposureChange = z.infer<typeof ExposureChange>;

/** Going on before the guard would (soak, samples, gates, skipped stages): who, why, and what was not met. */
export const AdvanceOverride = z.object({
  reasonCode: OverrideReasonCode,
  expiresAt: z.number().int(),
  actor: z.string(),
  unmet: z.array(z.string()),
});
export type AdvanceOverride = z.infer<typeof AdvanceOverride>;

export const DecisionEvidence = z.object({
  version: z.literal(DECISION_EVIDENCE_VERSION),
  /** The stage the decision was taken in; null before the first stage existed. */
  stage: Stage.nullable(),
  nextStageIndex: z.number().int().min(0),
  /** Set when a resume chose its fraction; null otherwise. */
  exposure: ExposureChange.nullable(),
  /** The guard's look the decision was taken on; null when there was no stage to judge. */
  gates: StageEvaluation.nullable(),
  /** The guard's sequential state at that look; null before the guard had looked at the stage. */
  guardState: GuardStageStateV2.nullable(),
  /** The gate overrides this decision created (going on against failing gates). */
  overridesCreated: z.array(GateOverride),
  /** Set when the decision went on before the guard would; null otherwise. */
  override: AdvanceOverride.nullable(),
  /** A start's pre-flight; null for any other decision. */
  preflight: PreflightEvidence.nullable(),
  series: z.partialRecord(MetricName, SeriesEvidence),
  /** Where the numbers came from: a decision taken on simulated data says so; null in evidence from before sources were recorded. */
  source: SourceStatus.nullable(),
  segmentSeries: z.array(SegmentSeriesEvidence),
});
export type DecisionEvidence = z.infer<typeof DecisionEvidence>;
