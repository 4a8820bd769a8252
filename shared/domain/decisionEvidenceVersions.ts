// Reading a decision's evidence as any build stored it: one reader per past version, each upgrading
// to the current shape, so a decision taken by an older build still shows what it was taken on.
import { z } from 'zod';
import { StoredGuardStageState } from '../evidence/state.ts';
import { GateOverride, StageEvaluation } from '../rollout/stageEvaluation.ts';
import { SourceStatus } from '../sources/freshness.ts';
import { AdvanceOverride, DECISION_EVIDENCE_VERSION, DecisionEvidence, ExposureChange, SegmentSeriesEvidence, SeriesEvidence } from './decisionEvidence.ts';
import { MetricName } from './metrics.ts';
import { PreflightEvidence } from './preflight.ts';
import { Stage } from './stage.ts';

/**
 * Version 1 had no `version` field and grew a field at a time: the guard's state, the chosen
 * exposure, the advance override, the source, the failing segment's series and the pre-flight came
 * later, and a look did not name its stage at first. What a row lacks is null (or empty) after.
 */
const DecisionEvidenceV1 = z
  .object({
    stage: Stage.nullable(),
    nextStageIndex: z.number().int().min(0),
    exposure: ExposureChange.optional(),
    gates: StageEvaluation.extend({ stageLabel: z.string().optional() }).nullable(),
    guardState: StoredGuardStageState.nullable().optional(),
    overridesCreated: z.array(GateOverride),
    override: AdvanceOverride.optional(),
    preflight: PreflightEvidence.optional(),
    series: z.partialRecord(MetricName, SeriesEvidence),
    source: SourceStatus.optional(),
    segmentSeries: z.array(SegmentSeriesEvidence).optional(),
  })
  .transform(
    (v1): DecisionEvidence => ({
      version: 2,
      stage: v1.stage,
      nextStageIndex: v1.nextStageIndex,
      exposure: v1.exposure ?? null,
      gates: v1.gates ? { ...v1.gates, stageLabel: v1.gates.stageLabel ?? v1.stage?.label ?? String(v1.gates.stageIndex + 1) } : null,
      guardState: v1.guardState ?? null,
      overridesCreated: v1.overridesCreated,
      override: v1.override ?? null,
      preflight: v1.preflight ?? null,
      series: v1.series,
      source: v1.source ?? null,
      segmentSeries: v1.segmentSeries ?? [],
    }),
  );

/** The reader of each stored version; stored evidence without a `version` is version 1. */
const READERS: Record<number, z.ZodType<DecisionEvidence>> = { 1: DecisionEvidenceV1, [DECISION_EVIDENCE_VERSION]: DecisionEvidence };

/**
 * Reads stored evidence as the current version; null when no reader fits (a newer build's version,
 * or a row altered by hand), so one unreadable snapshot costs its own panel, not the decision list.
 */
export function readDecisionEvidence(json: unknown): DecisionEvidence | null {
  const version = json !== null && typeof json === 'object' && 'version' in json ? json.version : 1;
  const reader = typeof version === 'number' ? READERS[version] : undefined;
  const read = reader?.safeParse(json);
  return read?.success ? read.data : null;
}
