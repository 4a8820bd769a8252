import {
  carryTests,
  combineOutcomes,
  effectiveOutcome,
  emptyStageState,
  GateResult,
  guardStep,
  heldSummary,
  lookAtGate,
  planBudget,
  lastBlockEnd,
  readingOf,
  sampleBlocksOf,
  type GuardStageState,
  type Gate,
  type Release,
  type Stage,
  type MetricName,
  type StageEvaluation,
  unpairedKind,
} from '../../../shared/index.ts';
import { z } from 'zod';
import type { Db } from '../db/open.ts';
import { judgeOptionsOf, loadGuardState, loadLastLook, saveGuardState } from '../repos/guardState.ts';
import { activeOverrides } from '../repos/overrides.ts';
import { getRelease, getStages } from '../repos/releases.ts';
import { backfilledObservations, forgetBackfilled } from '../metrics/backfilled.ts';
import { observationsFor, type TimedObservation } from '../metrics/store.ts';
import { fedBySource, markStale } from './freshness.ts';
import { pushFrontier } from '../repos/pushReports.ts';
import { waitingWords } from './pushWait.ts';


/** What a look leaves for readers: its results, as they were; overrides and the next step are read fresh. */
const StoredLook = z.object({
  stageIndex: z.number().int(),
  evaluatedAt: z.number().int(),
  windowStart: z.number().int(),
  windowEnd: z.number().int(),
  results: z.array(GateResult),
  canarySamples: z.number(),
  /** Pushed rows the look waited for (rollout/pushWait.ts); absent in looks stored before it was kept. */
  waitingFor: z.string().nullable().optional(),
});
type StoredLook = z.infer<typeof StoredLook>;

export interface Look {
  evaluation: StageEvaluation;
  state: GuardStageState;
}

/** A stored look with the overrides and the guard's next step as of `now`, on the release as the caller read it. */
function withStep(db: Db, look: StoredLook, release: Release, stages: readonly Stage[], now: number): StageEvaluation | null {
  const releaseId = release.id;
  const stage = stages[look.stageIndex];
  if (!stage) return null;
  const overrides = activeOverrides(db, releaseId, look.stageIndex, now);
  const overridden = new Set(overrides.map((o) => o.gateId));
  const step = guardStep({ release, stage, stageCount: stages.length, results: look.results, overridden, canarySamples: look.canarySamples, now, waitingFor: look.waitingFor ?? null });
  return {
    releaseId,
    stageIndex: look.stageIndex,
    stageLabel: stage.label,
    evaluatedAt: look.evaluatedAt,
    windowStart: look.windowStart,
    windowEnd: look.windowEnd,
    results: look.results,
    verdict: combineOutcomes(look.results),
    effective: effectiveOutcome(look.results, overridden),
    overrides,
    canarySamples: look.canarySamples,
    step,
  };
}

/** Same id, metric and rule: the same test, so its evidence carries into the next stage. */
const sameTest = (a: Gate, b: Gate): boolean => JSON.stringify({ ...a, minSamples: 0 }) === JSON.stringify({ ...b, minSamples: 0 });

interface Judging {
  release: Release;
  budget: { gates: number; gatedStages: number };
  options: ReturnType<typeof judgeOptionsOf>;
}

/**
 * The stage in force just before `stage` began at `stageStart`: of the others, the one that began last
 * before it. A live rollout only moves on to the next stage, so that is the one before it. A recorded
 * one (the backtest's schedule) may skip a stage or go back to an earlier one, and the stages after the
 * one in force lose their start when it does; such a stage began when its stored state did.
 */
function stageBefore(db: Db, stages: readonly Stage[], stage: Stage, stageStart: number, releaseId: string): Stage | null {
  let found: Stage | null = null;
  for (const other of stages) {
    if (other.index === stage.index) continue;
    const began = other.startedAt !== null && other.startedAt <= stageStart ? other.startedAt : loadGuardState(db, releaseId, other.index)?.stageStartedAt;
    if (began === undefined || began > stageStart || (began === stageStart && other.index > stage.index)) continue;
    // Ties (stages promoted in the same instant) go to the later stage: the one promoted last.
    if (found === null || began > found.startedAt! || (began === found.startedAt && other.index > found.index)) found = { ...other, startedAt: began };
  }
  return found;
}

/**
 * A stage's state when the guard first looks at it: each gate that the stage in force before it judged
 * the same way goes on with that stage's evidence against it (the failure side runs over the rollout).
 */
function enteredStage(db: Db, stages: readonly Stage[], stage: Stage, stageStart: number, judging: Judging): GuardStageState {
  const fresh = emptyStageState(judging.release.id, stage.index, stageStart);
  const before = stageBefore(db, stages, stage, stageStart, judging.release.id);
  const previous = before ? endedStage(db, stages, before, stageStart, judging) : null;
  if (!previous || !before) return fresh;
  for (const gate of stage.gates) {
    const was = before.gates.find((g) => g.id === gate.id);
    const tests = previous.gates[gate.id];
    if (was && tests && sameTest(was, gate)) fresh.gates[gate.id] = carryTests(tests, stageStart, judging.budget.gatedStages);
  }
  return fresh;
}

/**
 * The samples a stage's state has not folded yet, as of `at`: after its last fold, and — for a
 * connection — only up to what the poller has fetched without a gap, so a gap backfilled after an
 * outage is still folded; for push, only up to where every cohort and metric still reporting has
 * reported (repos/pushReports.ts), so one sent after the other is not skipped, and the pushed rows
 * new for a time already folded (metrics/backfilled.ts), so a region's part of a minute sent after
 * the others', or a minute retried after the next, is not skipped either. The simulator writes
 * as time goes, and a backtest's recording is there up to its clock. A stage that ends folds what
 * there is: it cannot wait.
 */
function unfolded(db: Db, release: Release, stages: readonly Stage[], stage: Stage, state: GuardStageState, startedAt: number, at: number, ending = false) {
  const from = state.foldedUntil ?? startedAt;
  const metrics = [...new Set<MetricName>(stage.gates.map((g) => g.metric))];
  const fed = fedBySource(db, release, metrics, startedAt, at);
  const reported = release.source === 'push' && !ending ? pushFrontier(db, release.id, metrics, at) : null;
  const reached = Math.min(at, fed?.until ?? at, reported?.until ?? at);
  // A look folds whole blocks only, so a block's samples are judged together; a stage that ends folds the rest.
  const blocks = sampleBlocksOf(release.source, stages[0]?.startedAt ?? null);
  const until = Math.max(from, ending ? reached : lastBlockEnd(reached, blocks));
  const observations = until > from ? observationsFor(db, release.id, metrics, from + 1, until) : new Map<MetricName, TimedObservation[]>();
  // Pushed rows that came after the guard had folded their time are folded now, as intervals of their own.
  if (release.source === 'push') {
    for (const [metric, rows] of backfilledObservations(db, release.id, metrics, startedAt, from, blocks)) observations.set(metric, [...rows, ...(observations.get(metric) ?? [])]);
  }
  return { from, until, fed, observations, blocks, waitingFor: reported?.waitingFor ? waitingWords(reported.waitingFor) : null };
}

/**
 * A stage as it ended at `endedAt`: its stored state — or, if the guard never looked at it (it was
 * shorter than a look's interval), the state it entered with — with the samples after its last fold
 * folded in under it. A person who promoted between looks, or a recorded rollout that moved on, loses
 * none of the evidence.
 */
function endedStage(db: Db, stages: readonly Stage[], stage: Stage, endedAt: number, judging: Judging): GuardStageState | null {
  const startedAt = stage.startedAt;
  if (startedAt === null || startedAt > endedAt) return null;
  const stored = loadGuardState(db, judging.release.id, stage.index);
  const state = stored && stored.stageStartedAt === startedAt ? stored : enteredStage(db, stages, stage, startedAt, judging);
  const { from, until, observations, blocks } = unfolded(db, judging.release, stages, stage, state, startedAt, endedAt, true);
  if (!(until > from)) return state;
  const gates: GuardStageState['gates'] = { ...state.gates };
  for (const gate of stage.gates) {
    const rows = observations.get(gate.metric) ?? [];
    if (rows.length === 0) continue;
    const { budget, options } = judging;
    gates[gate.id] = lookAtGate({ gate, observations: rows, tests: state.gates[gate.id], stageStartedAt: startedAt, lookAt: until, budget, options, blocks, quantileBias: readingOf(judging.release.source).quantileBias }).tests;
  }
  return { ...state, foldedUntil: until, gates };
}

/**
 * One look at the release's current stage: the samples that arrived since the last look are folded
 * into the stage's sequential state, every gate is judged on it, and the guard's next step is read
 * off. `advance` persists the new state (the guard's looks, inside its transaction); otherwise the
 * look is a dry run that changes nothing.
 */
export function lookAtStage(db: Db, releaseId: string, now: number, mode: 'advance' | 'dry'): Look | null {
  const release = getRelease(db, releaseId);
  if (!release) return null;
  const stages = getStages(db, releaseId);
  const stage = stages[release.stageIndex];
  if (!stage) return null;
  const stageStart = stage.startedAt ?? now;
  const stored = loadGuardState(db, releaseId, stage.index);
  const options = judgeOptionsOf(db, releaseId);
  const budget = planBudget(stages);
  const state = stored && stored.stageStartedAt === stageStart ? stored : enteredStage(db, stages, stage, stageStart, { release, budget, options });
  const { fed, until, observations, blocks, waitingFor } = unfolded(db, release, stages, stage, state, stageStart, now);
  const gates: GuardStageState['gates'] = {};
  const results = stage.gates.map((gate) => {
    const looked = lookAtGate({ gate, observations: observations.get(gate.metric) ?? [], tests: state.gates[gate.id], stageStartedAt: stageStart, lookAt: now, budget, options, blocks, quantileBias: readingOf(release.source).quantileBias });
    gates[gate.id] = looked.tests;
    const t = looked.result.total;
    // Its rows are there but held back until the cohorts behind have reported: say so, not that the canary sent nothing.
    const result = waitingFor && looked.result.outcome === 'no_data' && t.canary === null && unpairedKind(t.unpaired) === null ? { ...looked.result, summary: heldSummary(gate, waitingFor) } : looked.result;
    return fed ? markStale(result, fed.freshness.get(gate.metric)) : result;
  });
  const next: GuardStageState = { ...state, looks: state.looks + 1, lastLookAt: now, foldedUntil: until, gates };
  const look: StoredLook = {
    stageIndex: stage.index,
    evaluatedAt: now,
    windowStart: stageStart,
    windowEnd: now,
    results,
    canarySamples: results.length ? Math.min(...results.map((r) => r.total.canarySamples)) : 0,
    waitingFor,
  };
  if (mode === 'advance') {
    saveGuardState(db, next, look, now);
    if (release.source === 'push') forgetBackfilled(db, releaseId, until);
  }
  const evaluation = withStep(db, look, release, stages, now);
  return evaluation ? { evaluation, state: next } : null;
}

/**
 * The current stage as the guard last judged it (overrides and the next step as of now), without
 * touching the guard's state; a dry run when the guard has not looked at this stage yet.
 */
export function evaluateStage(db: Db, releaseId: string, now: number): StageEvaluation | null {
  const release = getRelease(db, releaseId);
  if (!release) return null;
  const raw = loadLastLook(db, releaseId, release.stageIndex);
  const parsed = raw === null ? null : StoredLook.safeParse(raw);
  const stages = getStages(db, releaseId);
  const stage = stages[release.stageIndex];
  if (parsed?.success && stage && parsed.data.windowStart === (stage.startedAt ?? parsed.data.windowStart)) return withStep(db, parsed.data, release, stages, now);
  return lookAtStage(db, releaseId, now, 'dry')?.evaluation ?? null;
}

/**
 * How far the guard has judged the release's stage in force: from its start to its last fold (the
 * start, before the first look). A sample at or before the start is stored and charted but never
 * judged; one after it but at or before the fold is judged only if it is new there (metrics/backfilled.ts).
 * Null before the stage starts.
 */
export function judgedSpan(db: Db, release: Release): { startedAt: number; until: number } | null {
  const stage = getStages(db, release.id)[release.stageIndex];
  if (!stage || stage.startedAt === null) return null;
  const state = loadGuardState(db, release.id, stage.index);
  const folded = state && state.stageStartedAt === stage.startedAt ? state.foldedUntil : null;
  return { startedAt: stage.startedAt, until: Math.max(stage.startedAt, folded ?? stage.startedAt) };
}
