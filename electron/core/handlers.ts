import { randomUUID } from 'node:crypto';
import {
  allowedActions,
  fail,
  METRICS,
  MetricName,
  ok,
  transition,
  type Decision,
  type ReleaseDetail,
  type Result,
} from '../../shared/index.ts';
import type { EventBus } from './bus.ts';
import { LATEST_VERSION } from './db/migrations.ts';
import type { Db } from './db/open.ts';
import type { Handlers } from './dispatch.ts';
import { insertDecision, listDecisions } from './repos/decisions.ts';
import { appendEvent, listEvents, verifyChain } from './repos/eventLog.ts';
import { applyTransition, getRelease, getStages, listReleases, summarize } from './repos/releases.ts';
import { seriesFor } from './repos/samples.ts';

export interface HandlerDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  dataDir: string;
  version: string;
}

const DEFAULT_WINDOW_MS = 60 * 60 * 1000;
const EVIDENCE_WINDOW_MS = 5 * 60 * 1000;

export function releaseDetail(deps: HandlerDeps, releaseId: string): Result<ReleaseDetail> {
  const release = getRelease(deps.db, releaseId);
  if (!release) return fail('not_found', `No release "${releaseId}".`);
  const stages = getStages(deps.db, releaseId);
  return ok({
    release: summarize(release, stages),
    stages,
    decisions: listDecisions(deps.db, releaseId, 20),
    allowedActions: allowedActions(release, stages.length, deps.now()),
  });
}

/** What the decider saw: the stage, and each metric's canary and baseline over the last minutes. */
function evidenceFor(deps: HandlerDeps, releaseId: string, now: number): Record<string, unknown> {
  const since = now - EVIDENCE_WINDOW_MS;
  const metrics: Record<string, unknown> = {};
  for (const metric of MetricName.options) {
    const points = seriesFor(deps.db, releaseId, metric, since);
    const mean = (key: 'canary' | 'baseline'): number | null => {
      const values = points.map((p) => p[key]).filter((v): v is number => v !== null);
      return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    };
    metrics[metric] = { unit: METRICS[metric].unit, canary: mean('canary'), baseline: mean('baseline'), points: points.length };
  }
  return { windowMs: EVIDENCE_WINDOW_MS, metrics };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, bus } = deps;
  return {
    getInfo: (_input, caller) =>
      ok({
        version: deps.version,
        schemaVersion: LATEST_VERSION,
        dataDir: deps.dataDir,
        actor: caller.actor,
        role: caller.role,
        eventLog: verifyChain(db),
      }),
    listReleases: (input) => ok(listReleases(db, input.status)),
    getRelease: (input) => releaseDetail(deps, input.releaseId),
    decide: (input, caller) => {
      const now = deps.now();
      const recorded = db.transaction((): Result<Decision> => {
        const release = getRelease(db, input.releaseId);
        if (!release) return fail('not_found', `No release "${input.releaseId}".`);
        const stages = getStages(db, release.id);
        const next = transition({ release, stageCount: stages.length, action: input.action, now });
        if (!next.ok) return next;
        applyTransition(db, release.id, next.value, now);
        const decision: Decision = {
          id: randomUUID(),
          releaseId: release.id,
          stageIndex: release.stageIndex,
          action: input.action,
          actor: caller.actor,
          reason: input.reason,
          fromStatus: release.status,
          toStatus: next.value.status,
          evidence: {
            stage: stages[release.stageIndex] ?? null,
            nextStageIndex: next.value.stageIndex,
            ...evidenceFor(deps, release.id, now),
          },
          createdAt: now,
        };
        insertDecision(db, decision);
        appendEvent(db, {
          kind: 'decision.recorded',
          subject: release.id,
          actor: caller.actor,
          at: now,
          payload: { decisionId: decision.id, action: decision.action, reason: decision.reason, from: decision.fromStatus, to: decision.toStatus, stageIndex: decision.stageIndex },
        });
        return ok(decision);
      })();
      if (!recorded.ok) return recorded;
      bus.emit({ type: 'decision.recorded', decision: recorded.value });
      bus.emit({ type: 'release.changed', releaseId: input.releaseId });
      return releaseDetail(deps, input.releaseId);
    },
    listDecisions: (input) => ok(listDecisions(db, input.releaseId, input.limit)),
    getMetricSeries: (input) => {
      if (!getRelease(db, input.releaseId)) return fail('not_found', `No release "${input.releaseId}".`);
      const since = input.sinceMs ?? deps.now() - DEFAULT_WINDOW_MS;
      const metrics = input.metrics ?? MetricName.options;
      return ok(
        metrics.map((metric) => ({
          metric,
          label: METRICS[metric].label,
          unit: METRICS[metric].unit,
          points: seriesFor(db, input.releaseId, metric, since),
        })),
      );
    },
    listEvents: (input) => ok(listEvents(db, input)),
    verifyEventLog: () => ok(verifyChain(db)),
  };
}
