import {
  combineOutcomes,
  effectiveOutcome,
  evaluateGate,
  guardStep,
  judgeComparator,
  type JudgeComparatorOptions,
  type SequentialState,
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
/**
 * The sequential judge sees the stage's data from its start (its false-alarm bound assumes data that
 * accumulate), up to this much: beyond six hours a look would re-read too much at every tick.
 */
export const JUDGE_SPAN_MS = 6 * 60 * 60 * 1000;

/** The statistical judge as the core runs it: its options, and each gate's sequential state between looks. */
export interface JudgeSetup {
  options: JudgeComparatorOptions;
  states: Map<string, SequentialState>;
}

export function judgeSetup(options: JudgeComparatorOptions = {}): JudgeSetup {
  return { options, states: new Map() };
}

export interface StageEvaluation {
  releaseId: string;
  stageIndex: number;
  stageLabel: string;
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

export function evaluateStage(db: Db, releaseId: string, now: number, judge: JudgeSetup | null = null): StageEvaluation | null {
  const release = getRelease(db, releaseId);
  if (!release) return null;
  const stages = getStages(db, releaseId);
  const stage = stages[release.stageIndex];
  if (!stage) return null;
  const stageStart = stage.startedAt ?? now;
  const windowStart = Math.max(stageStart, now - GATE_WINDOW_MS);
  const judgeStart = judge ? Math.max(stageStart, now - JUDGE_SPAN_MS) : windowStart;
  const metrics = [...new Set<MetricName>(stage.gates.length ? stage.gates.map((g) => g.metric) : ['error_rate'])];
  // One read serves both: the judge's span since the stage began, and the recent window within it.
  const accumulated = observationsFor(db, releaseId, metrics, judgeStart, now);
  const observations = new Map([...accumulated].map(([m, obs]) => [m, obs.filter((o) => o.t >= windowStart)]));
  const comparator = judge
    ? judgeComparator({ ...judge.options, store: judge.states, key: (g) => `${releaseId}:${stage.index}:${g.id}` })
    : undefined;
  const results = stage.gates.map((gate) => evaluateGate(gate, observations.get(gate.metric) ?? [], comparator, accumulated.get(gate.metric) ?? []));
  const canarySamples = Math.min(
    ...metrics.map((m) => (observations.get(m) ?? []).reduce((n, o) => n + (o.cohort === 'canary' ? o.weight : 0), 0)),
  );
  const overrides = activeOverrides(db, releaseId, release.stageIndex, now);
  const overridden = new Set(overrides.map((o) => o.gateId));
  const step = guardStep({ release, stage, stageCount: stages.length, results, overridden, canarySamples, now });
  return {
    releaseId,
    stageIndex: release.stageIndex,
    stageLabel: stage.label,
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
