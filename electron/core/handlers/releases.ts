import { randomUUID } from 'node:crypto';
import {
  allowedActions,
  defaultPlan,
  downsampleSeries,
  fail,
  FED_STATUSES,
  METRICS,
  MetricName,
  ok,
  pauseBudgetLeftMs,
  stagesOfPlan,
  undoText,
  type GateStatus,
  type Release,
  type ReleaseDetail,
  type Result,
  type SourceStatus,
  type StageEvaluation,
} from '../../../shared/index.ts';
import { LATEST_VERSION } from '../db/migrations.ts';
import { listDecisions } from '../repos/decisions.ts';
import { appendEvent, verifyChain } from '../repos/eventLog.ts';
import { setJudgeOptions } from '../repos/guardState.ts';
import { getRelease, getStages, insertRelease, listReleases, summarize } from '../repos/releases.ts';
import { segmentSeriesFor, seriesFor } from '../metrics/store.ts';
import { seriesGaps } from '../metrics/gaps.ts';
import { releaseSourceStatus } from '../rollout/freshness.ts';
import { recordDecision } from '../rollout/decide.ts';
import { evaluateStage } from '../rollout/evaluation.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { setSource } from '../repos/sources.ts';
import { sourceOfPlan } from './sourceBinding.ts';
import { preflightForStart } from './preflight.ts';
import { writeTransaction } from '../db/write.ts';

const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

export function releaseDetail(deps: HandlerDeps, releaseId: string): Result<ReleaseDetail> {
  const release = getRelease(deps.db, releaseId);
  if (!release) return fail('not_found', `No release "${releaseId}".`);
  const stages = getStages(deps.db, releaseId);
  const now = deps.now();
  return ok({
    release: summarize(release, stages),
    stages,
    decisions: listDecisions(deps.db, { releaseId, limit: 20 }),
    allowedActions: allowedActions(release, stages.length, now),
    pauseBudgetLeftMs: pauseBudgetLeftMs(release, now),
    undo: undoText(release.target),
    source: sourceStatus(deps, release, now),
  });
}

const sourceStatus = (deps: HandlerDeps, release: Release, now: number): SourceStatus => releaseSourceStatus(deps.db, release, now);

export function gateStatusOf(e: StageEvaluation): GateStatus {
  return {
    releaseId: e.releaseId,
    stageIndex: e.stageIndex,
    evaluatedAt: e.evaluatedAt,
    windowStart: e.windowStart,
    windowEnd: e.windowEnd,
    results: e.results,
    verdict: e.verdict,
    effective: e.effective,
    overrides: e.overrides.map((o) => ({ gateId: o.gateId, reasonCode: o.reasonCode, expiresAt: o.expiresAt, decisionId: o.decisionId })),
    canarySamples: e.canarySamples,
    next: { kind: e.step.kind, action: e.step.kind === 'act' ? e.step.action : null, why: e.step.why },
  };
}

/** A release id a person can read in a URL: app and version, made unique when needed. */
export function releaseIdFor(deps: HandlerDeps, app: string, version: string): string {
  const base = `${app}-${version}`.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'release';
  return getRelease(deps.db, base) ? `${base}-${randomUUID().slice(0, 6)}` : base;
}

export function createReleaseRecord(
  deps: HandlerDeps,
  fields: Pick<Release, 'name' | 'app' | 'version' | 'target' | 'trainId' | 'trainRun'> & { baselineVersion?: string | null },
  planInput: ReturnType<typeof defaultPlan>,
  actor: string,
): Result<ReleaseDetail> {
  const now = deps.now();
  const bound = sourceOfPlan(deps, planInput, fields.baselineVersion ?? null);
  if (!bound.ok) return bound;
  const release: Release = {
    ...fields,
    source: bound.value.source,
    connectionId: planInput.metrics?.connection ?? null,
    baselineVersion: fields.baselineVersion ?? null,
    id: releaseIdFor(deps, fields.app, fields.version),
    status: 'planned',
    stageIndex: 0,
    pausedMsTotal: 0,
    pausedAt: null,
    createdAt: now,
    updatedAt: now,
    planName: planInput.name,
    approvalRequestedAt: null,
    chosenExposurePct: null,
  };
  writeTransaction(deps.db, () => {
    insertRelease(deps.db, release, stagesOfPlan(planInput));
    setJudgeOptions(deps.db, release.id, planInput.judge);
    setSource(deps.db, release.id, release.source, planInput.metrics ?? null);
    appendEvent(deps.db, {
      kind: 'release.created',
      subject: release.id,
      actor,
      at: now,
      payload: { name: release.name, target: release.target, plan: planInput.name, trainId: release.trainId, trainRun: release.trainRun, source: release.source, connectionId: release.connectionId, demo: false },
    });
  });
  deps.bus.emit({ type: 'release.changed', releaseId: release.id });
  return releaseDetail(deps, release.id);
}

export function releaseHandlers(deps: HandlerDeps): HandlerGroup<
  'getInfo' | 'listReleases' | 'getRelease' | 'decide' | 'listDecisions' | 'getMetricSeries' | 'getSegmentSeries' | 'getGateStatus' | 'createRelease'
> {
  const { db } = deps;
  return {
    getInfo: (_input, caller) =>
      ok({ version: deps.version, schemaVersion: LATEST_VERSION, dataDir: caller.role === 'operator' ? deps.dataDir : null, actor: caller.actor, role: caller.role, eventLog: verifyChain(db), lease: deps.leaseInfo() }),
    listReleases: (input) => {
      const now = deps.now();
      return ok(listReleases(db, input.status).map((r) => ({ ...r, sourceStatus: sourceStatus(deps, r, now) })));
    },
    getRelease: (input) => releaseDetail(deps, input.releaseId),
    decide: async ({ monitor, preflightOverride, ...input }, caller) => {
      // A start runs its pre-flight first: a failed check refuses it unless an override says why.
      const preflight = input.action === 'start' ? await preflightForStart(deps, { releaseId: input.releaseId, monitor, preflightOverride }, caller.actor) : ok(null);
      if (!preflight.ok) return preflight;
      const decided = recordDecision(deps, { ...input, actor: caller.actor, preflight: preflight.value ?? undefined });
      return decided.ok ? releaseDetail(deps, input.releaseId) : decided;
    },
    listDecisions: (input) => ok(listDecisions(db, input)),
    getMetricSeries: (input) => {
      const release = getRelease(db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      const now = deps.now();
      const since = input.sinceMs ?? now - DEFAULT_WINDOW_MS;
      const metrics = input.metrics ?? MetricName.options;
      // A window that ends before now has no open gap: the line may well go on after it.
      const fed = FED_STATUSES.has(release.status) && input.untilMs === undefined;
      return ok(
        metrics.map((metric) => {
          const points = seriesFor(db, input.releaseId, metric, since, input.untilMs);
          return {
            metric,
            label: METRICS[metric].label,
            unit: METRICS[metric].unit,
            points: downsampleSeries(points, input.maxPoints),
            gaps: seriesGaps(db, { releaseId: input.releaseId, metric, points, since, incremental: input.sinceMs !== undefined, now, fed }),
          };
        }),
      );
    },
    getSegmentSeries: (input) => {
      const release = getRelease(db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      const now = deps.now();
      const since = input.sinceMs ?? now - DEFAULT_WINDOW_MS;
      const fed = FED_STATUSES.has(release.status);
      const incremental = input.sinceMs !== undefined;
      return ok(
        segmentSeriesFor(db, input.releaseId, input.metric, input.dimension, since).map((s) => ({
          key: s.key,
          points: downsampleSeries(s.points, input.maxPoints),
          gaps: seriesGaps(db, { releaseId: input.releaseId, metric: input.metric, points: s.points, since, incremental, now, fed, segment: { dimension: input.dimension, key: s.key } }),
        })),
      );
    },
    getGateStatus: (input) => {
      if (!getRelease(db, input.releaseId)) return fail('not_found', `No release "${input.releaseId}".`);
      const evaluation = evaluateStage(db, input.releaseId, deps.now());
      return ok(evaluation ? gateStatusOf(evaluation) : null);
    },
    createRelease: (input, caller) => {
      const plan = input.plan ?? defaultPlan(input.target);
      if (plan.target !== input.target) return fail('invalid_input', `The plan is for ${plan.target}, the release for ${input.target}.`, { issues: [{ path: 'plan.target', message: 'must match target' }] });
      return createReleaseRecord(deps, { name: input.name, app: input.app, version: input.version, target: input.target, trainId: null, trainRun: null, baselineVersion: input.baselineVersion ?? null }, plan, caller.actor);
    },
  };
}
