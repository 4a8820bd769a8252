import { failingGates, type Action, type BacktestDecision, type BacktestResult, type GateResult, type GuardStep } from '../../../shared/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Core } from '../core.ts';
import type { Db } from '../db/open.ts';
import { activeOverrides } from '../repos/overrides.ts';
import { lookAtStage } from '../rollout/evaluation.ts';

type BacktestLook = BacktestResult['looks'][number];

export const BACKTEST_CALLER = { actor: 'backtest', role: 'operator' as const };

/** The backtest's scratch core and its database, which the engine reads and writes directly. */
export interface Scratch {
  core: Core;
  db: Db;
}

export interface Seen {
  stageIndex: number;
  results: GateResult[];
  step: GuardStep;
}

/**
 * One look at time `t`: the guard's own, which acts as it would live. The guard does not look at a
 * release it has stopped; the backtest still reports its gates, so it takes the same look itself
 * (the sequential state goes on accumulating, as the recorded rollout did).
 */
export function guardLook({ core, db }: Scratch, releaseId: string, t: number): Seen | null {
  const evaluation = core.guard.check([releaseId]).find((e) => e.releaseId === releaseId);
  if (evaluation) return { stageIndex: evaluation.stageIndex, results: evaluation.results, step: evaluation.step };
  const look = lookAtStage(db, releaseId, t, 'advance');
  return look ? { stageIndex: look.evaluation.stageIndex, results: look.evaluation.results, step: { kind: 'none', why: 'reported only: the release is stopped' } } : null;
}

export function lookReport(t: number, seen: Seen): BacktestLook {
  return {
    t,
    stage: seen.stageIndex,
    gates: seen.results.map((r) => ({
      id: r.gateId,
      outcome: r.outcome,
      segments: r.segments.map((s) => ({ labels: { [s.dimension]: s.key }, outcome: s.outcome })),
    })),
  };
}

/** What caused a stop: the look's first failing gate that no person overrode, and where it fails (GateResult.cause; null when the failure is everywhere). */
function cause(db: Db, releaseId: string, t: number, seen: Seen): Pick<BacktestDecision, 'gate' | 'segment'> {
  const overridden = new Set(activeOverrides(db, releaseId, seen.stageIndex, t).map((o) => o.gateId));
  const [gate] = failingGates(seen.results, overridden);
  if (!gate) return { gate: null, segment: null };
  const where = gate.cause ?? null;
  return { gate: gate.gateId, segment: where ? { [where.dimension]: where.key } : null };
}

const statements = new WeakMap<Db, Statement<unknown[]>>();

/** A look's decisions without their evidence: the report needs only the action and the reason. */
function decisionsAt(db: Db): Statement<unknown[]> {
  let stmt = statements.get(db);
  if (!stmt) {
    stmt = db.prepare('SELECT action, reason FROM decisions WHERE release_id = ? AND created_at = ? ORDER BY rowid');
    statements.set(db, stmt);
  }
  return stmt;
}

/**
 * The decisions this look led to: those the guard recorded at `t` (the temporary database has no
 * other decider), and an approval it asked for. A complete is the last stage's promote.
 */
export function lookDecisions(db: Db, releaseId: string, t: number, seen: Seen, exposure: number): BacktestDecision[] {
  const made: BacktestDecision[] = [];
  const base = { t, stage: seen.stageIndex, exposure };
  const recorded = decisionsAt(db).all(releaseId, t) as { action: Action; reason: string }[];
  for (const d of recorded) {
    if (d.action === 'promote' || d.action === 'complete') made.push({ ...base, action: 'promote', gate: null, segment: null, reason: d.reason });
    else if (d.action === 'pause' || d.action === 'halt' || d.action === 'rollback') made.push({ ...base, action: d.action, ...cause(db, releaseId, t, seen), reason: d.reason });
  }
  if (seen.step.kind === 'request_approval') made.push({ ...base, action: 'request_approval', gate: null, segment: null, reason: seen.step.why });
  return made;
}
