import { randomUUID } from 'node:crypto';
import {
  ACTION_WORDS,
  ACTIONS_NEEDING_OVERRIDE,
  DECISION_EVIDENCE_VERSION,
  fail,
  METRICS,
  ok,
  resumeFractionProblem,
  transition,
  type Action,
  type Decision,
  type DecisionEvidence,
  type MetricName,
  type OverrideReason,
  type PreflightEvidence,
  type Result,
  FED_STATUSES,
  type SegmentSeriesEvidence,
  type SeriesPoint,
  type SeriesEvidence,
  type StageEvaluation,
  unmetToAdvance,
} from '../../../shared/index.ts';
import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import { insertDecision, type NewDecision } from '../repos/decisions.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { insertOverride } from '../repos/overrides.ts';
import { loadGuardState } from '../repos/guardState.ts';
import { applyTransition, getRelease, getStages } from '../repos/releases.ts';
import { seriesGaps, type GapSegment } from '../metrics/gaps.ts';
import { segmentSeriesFor, seriesFor } from '../metrics/store.ts';
import { evaluateStage, type Look } from './evaluation.ts';
import { releaseSourceStatus } from './freshness.ts';
import { writeTransaction } from '../db/write.ts';

export interface DecideDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
}

export interface DecisionRequest {
  releaseId: string;
  action: Action;
  reason: string;
  actor: string;
  override?: { reasonCode: OverrideReason; expiresInMinutes: number } | undefined;
  /** A resume's chosen fraction (Google Play). */
  exposurePct?: number | undefined;
  /** A start's pre-flight, run before the transaction: kept in the evidence, with the override that went past a failure. */
  preflight?: PreflightEvidence | undefined;
}


/** The evidence charts redraw the last hour of the stage at most. */
const EVIDENCE_SERIES_MS = 60 * 60 * 1000;

const evidenceSince = (evaluation: StageEvaluation | null, now: number) => Math.max(evaluation?.windowStart ?? 0, now - EVIDENCE_SERIES_MS);

/** Where the evidence reads its series: the window's start, the decision's time, and whether the release was fed then (a line silent up to the decision has an open gap). */
interface EvidenceWindow {
  releaseId: string;
  since: number;
  now: number;
  fed: boolean;
}

/**
 * A line's points and where it had none, as the live charts find them, kept so the evidence redraws the
 * holes too. A silence that began before the window opens it: it is found, as across the join of a live
 * chart's increment, from each line's last sample before the window, and drawn from the window's start.
 */
function keptSeries(db: Db, w: EvidenceWindow, metric: MetricName, points: SeriesPoint[], segment?: GapSegment): Pick<SeriesEvidence, 'points' | 'gaps'> {
  const gaps = seriesGaps(db, { releaseId: w.releaseId, metric, points, since: w.since, incremental: true, now: w.now, fed: w.fed, ...(segment ? { segment } : {}) });
  return { points, gaps: gaps.flatMap((g) => (g.to <= w.since ? [] : [{ ...g, from: Math.max(g.from, w.since) }])) };
}

/** The series behind each gate over its window, so the evidence can redraw what the decider saw. */
function seriesEvidence(db: Db, evaluation: StageEvaluation | null, w: EvidenceWindow): DecisionEvidence['series'] {
  const metrics: readonly MetricName[] = evaluation?.results.length ? [...new Set(evaluation.results.map((r) => r.metric))] : ['error_rate'];
  return Object.fromEntries(metrics.map((m): [MetricName, SeriesEvidence] => [m, { unit: METRICS[m].unit, ...keptSeries(db, w, m, seriesFor(db, w.releaseId, m, w.since)) }]));
}

/**
 * Where a gate fails in one segment (its cause), that segment's canary and baseline over the same
 * window: the total can hide a region that broke alone, and the evidence should show what broke.
 */
function segmentEvidence(db: Db, evaluation: StageEvaluation | null, w: EvidenceWindow): SegmentSeriesEvidence[] {
  const seen = new Set<string>();
  const out: SegmentSeriesEvidence[] = [];
  for (const r of evaluation?.results ?? []) {
    if (r.outcome !== 'fail' || !r.cause) continue;
    const { dimension, key } = r.cause;
    const id = `${r.metric}|${dimension}|${key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const points = segmentSeriesFor(db, w.releaseId, r.metric, dimension, w.since).find((s) => s.key === key)?.points ?? [];
    out.push({ metric: r.metric, gateId: r.gateId, dimension, key, unit: METRICS[r.metric].unit, ...keptSeries(db, w, r.metric, points, { dimension, key }) });
  }
  return out;
}

/**
 * Records one decision inside the caller's transaction: the state change, the decision with its
 * evidence (the guard's look and sequential state it was taken on) and the event. Pushes nothing.
 * `look` is the guard's own look; a person's decision is taken on the guard's last look.
 */
export function decideInTransaction(deps: DecideDeps, request: DecisionRequest, look?: Look): Result<Decision> {
  const { db } = deps;
  const now = deps.now();
  const release = getRelease(db, request.releaseId);
  if (!release) return fail('not_found', `No release "${request.releaseId}".`);
  const stages = getStages(db, release.id);
  const next = transition({ release, stageCount: stages.length, action: request.action, now, exposurePct: request.exposurePct });
  if (!next.ok) return next;
  if (request.exposurePct !== undefined) {
    const problem = resumeFractionProblem({ target: release.target, stages, stageIndex: release.stageIndex, exposurePct: request.exposurePct });
    if (problem) return fail('invalid_input', `Cannot resume at ${request.exposurePct} %: ${problem}.`, { issues: [{ path: 'exposurePct', message: problem }] });
  }
  const evaluation = look?.evaluation ?? evaluateStage(db, release.id, now);
  const window: EvidenceWindow = { releaseId: release.id, since: evidenceSince(evaluation, now), now, fed: FED_STATUSES.has(release.status) };
  const guardState = look?.state ?? loadGuardState(db, release.id, release.stageIndex);
  const overridden = new Set(evaluation?.overrides.map((o) => o.gateId) ?? []);
  const failing = evaluation?.results.filter((r) => r.outcome === 'fail' && !overridden.has(r.gateId)) ?? [];
  // A promote or complete before the guard would (soak, samples, gates, skipped stages) takes the same override as going on against failing gates.
  const unmet = unmetToAdvance({
    action: request.action,
    stages,
    stageIndex: release.stageIndex,
    results: evaluation?.results ?? [],
    overridden,
    canarySamples: evaluation?.canarySamples ?? 0,
    now,
    exposurePct: request.exposurePct,
  });
  if (unmet.length > 0 && !request.override) {
    return fail(
      'override_required',
      `Not met yet: ${unmet.join('; ')}. To ${ACTION_WORDS[request.action]}${request.exposurePct === undefined ? '' : ` at ${request.exposurePct} %`} anyway, give an override reason code and an expiry.`,
      { allowed: unmet },
    );
  }
  if (ACTIONS_NEEDING_OVERRIDE.includes(request.action) && failing.length > 0 && !request.override) {
    return fail(
      'override_required',
      `Gates are failing (${failing.map((r) => r.gateId).join(', ')}). To ${request.action} anyway, give an override reason code and an expiry.`,
      { allowed: failing.map((r) => r.gateId) },
    );
  }
  applyTransition(db, release.id, next.value, now);
  const id = randomUUID();
  const stage = stages[release.stageIndex];
  const exposureBefore = release.chosenExposurePct ?? stage?.exposurePct ?? null;
  const exposureAfter = next.value.chosenExposurePct ?? stages[next.value.stageIndex]?.exposurePct ?? null;
  const overrides =
    request.override && failing.length > 0
      ? failing.map((r) =>
          insertOverride(db, {
            releaseId: release.id,
            stageIndex: release.stageIndex,
            gateId: r.gateId,
            reasonCode: request.override!.reasonCode,
            decisionId: id,
            expiresAt: now + request.override!.expiresInMinutes * 60_000,
            createdAt: now,
          }),
        )
      : [];
  const decision: NewDecision = {
    id,
    releaseId: release.id,
    stageIndex: release.stageIndex,
    action: request.action,
    actor: request.actor,
    reason: request.reason,
    fromStatus: release.status,
    toStatus: next.value.status,
    verdict: evaluation && evaluation.results.length > 0 ? evaluation.verdict : 'none',
    evidence: {
      version: DECISION_EVIDENCE_VERSION,
      stage: stages[release.stageIndex] ?? null,
      nextStageIndex: next.value.stageIndex,
      exposure: request.exposurePct !== undefined ? { from: exposureBefore, to: exposureAfter, chosen: request.exposurePct } : null,
      gates: evaluation,
      guardState,
      overridesCreated: overrides,
      override:
        request.override && unmet.length > 0
          ? { reasonCode: request.override.reasonCode, expiresAt: now + request.override.expiresInMinutes * 60_000, actor: request.actor, unmet }
          : null,
      preflight: request.preflight ?? null,
      series: seriesEvidence(db, evaluation, window),
      // Where the numbers came from: a decision taken on simulated data says so in its evidence.
      source: releaseSourceStatus(db, release, now),
      segmentSeries: segmentEvidence(db, evaluation, window),
    },
    createdAt: now,
  };
  insertDecision(db, decision);
  appendEvent(db, {
    kind: 'decision.recorded',
    subject: release.id,
    actor: request.actor,
    at: now,
    payload: {
      decisionId: id,
      action: decision.action,
      reason: decision.reason,
      from: decision.fromStatus,
      to: decision.toStatus,
      stageIndex: decision.stageIndex,
      verdict: decision.verdict,
      exposurePct: request.exposurePct ?? null,
      exposureFrom: request.exposurePct !== undefined ? exposureBefore : null,
      override: overrides.length ? { reasonCode: request.override!.reasonCode, gates: overrides.map((o) => o.gateId), expiresAt: overrides[0]!.expiresAt } : null,
      preflight: request.preflight
        ? { outcome: request.preflight.outcome, monitor: request.preflight.monitor, overridden: request.preflight.overridden, overrideReason: request.preflight.override?.reason ?? null }
        : null,
    },
  });
  return ok(decision);
}

/** Records one decision in its own transaction, then pushes. Nothing is written when the action is refused. */
export function recordDecision(deps: DecideDeps, request: DecisionRequest): Result<Decision> {
  const { bus } = deps;
  const recorded = writeTransaction(deps.db, () => decideInTransaction(deps, request));
  if (recorded.ok) {
    bus.emit({ type: 'decision.recorded', decision: recorded.value });
    bus.emit({ type: 'release.changed', releaseId: request.releaseId });
  }
  return recorded;
}
