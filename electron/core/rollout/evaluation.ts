import {
  combineOutcomes,
  effectiveOutcome,
  evaluateGate,
  guardStep,
  type Comparator,
  type GateResult,
  type GuardStep,
  type MetricName,
  type Outcome,
} from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { activeOverrides, type GateOverride } from '../repos/overrides.ts';
import { getRelease, getStages } from '../repos/releases.ts';
import { observationsFor } from '../metrics/store.ts';

/** Gates look at the last ten minutes of the stage, so an old calm hour cannot dilute a fresh breach. */
export const GATE_WINDOW_MS = 10 * 60 * 1000;

export interface StageEvaluation {
  releaseId: string;
  stageIndex: number;
  evaluatedAt: number;
  windowStart: number;
  windowEnd: number;
  results: GateResult[];
  /** The gates' own verdict, and the verdict once a person's unexpired overrides are applied. */
  verdict: Outcome;
  effective: Outcome;
  overrides: GateOverride[];
  canarySamples: number;
  step: GuardStep;
}

export function evaluateStage(db: Db, releaseId: string, now: number, comparator?: Comparator): StageEvaluation | null {
  const release = getRelease(db, releaseId);
  if (!release) return null;
  const stages = getStages(db, releaseId);
  const stage = stages[release.stageIndex];
  if (!stage) return null;
  const windowStart = Math.max(stage.startedAt ?? now, now - GATE_WINDOW_MS);
  const metrics = [...new Set<MetricName>(stage.gates.length ? stage.gates.map((g) => g.metric) : ['error_rate'])];
  const observations = observationsFor(db, releaseId, metrics, windowStart, now);
  const results = stage.gates.map((gate) => evaluateGate(gate, observations.get(gate.metric) ?? [], comparator));
  const canarySamples = Math.min(
    ...metrics.map((m) => (observations.get(m) ?? []).reduce((n, o) => n + (o.cohort === 'canary' ? o.weight : 0), 0)),
  );
  const overrides = activeOverrides(db, releaseId, release.stageIndex, now);
  const overridden = new Set(overrides.map((o) => o.gateId));
  const step = guardStep({ release, stage, stageCount: stages.length, results, overridden, canarySamples, now });
  return {
    releaseId,
    stageIndex: release.stageIndex,
    evaluatedAt: now,
    windowStart,
    windowEnd: now,
    results,
    verdict: combineOutcomes(results),
    effective: effectiveOutcome(results, overridden),
    overrides,
    canarySamples,
    step,
  };
}
