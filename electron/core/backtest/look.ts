import type { Action, BacktestDecision, BacktestResult, GateResult, GuardStep } from '../../../shared/index.ts';
import type { Core } from '../core.ts';
import { activeOverrides } from '../repos/overrides.ts';

type BacktestLook = BacktestResult['looks'][number];

export const BACKTEST_CALLER = { actor: 'backtest', role: 'operator' as const };

export interface Seen {
  stageIndex: number;
  results: GateResult[];
  step: GuardStep;
}

/**
 * One look at time `now` (the core's clock): the guard's own, which acts as it would live. When the
 * guard gives no evaluation (it may skip a release it has stopped), the gates are judged for the
 * report only, as getGateStatus judges them for a person.
 */
export async function guardLook(core: Core, releaseId: string): Promise<Seen | null> {
  const evaluation = core.guard.check([releaseId]).find((e) => e.releaseId === releaseId);
  if (evaluation) return { stageIndex: evaluation.stageIndex, results: evaluation.results, step: evaluation.step };
  const status = await core.invoke('getGateStatus', { releaseId }, BACKTEST_CALLER);
  if (!status.ok || status.value === null) return null;
  const value = status.value as { stageIndex: number; results: GateResult[] };
  return { stageIndex: value.stageIndex, results: value.results, step: { kind: 'none', why: 'reported only' } };
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

/** What caused a stop: the look's first failing gate that no person overrode, and its first failing segment (null when only the total failed). */
function cause(core: Core, releaseId: string, t: number, seen: Seen): Pick<BacktestDecision, 'gate' | 'segment'> {
  const overridden = new Set(activeOverrides(core.db, releaseId, seen.stageIndex, t).map((o) => o.gateId));
  const gate = seen.results.find((r) => r.outcome === 'fail' && !overridden.has(r.gateId));
  if (!gate) return { gate: null, segment: null };
  const segment = gate.segments.find((s) => s.outcome === 'fail');
  return { gate: gate.gateId, segment: segment ? { [segment.dimension]: segment.key } : null };
}

/**
 * The decisions this look led to: those the guard recorded at `t` (the temporary database has no
 * other decider), and an approval it asked for. A complete is the last stage's promote.
 */
export function lookDecisions(core: Core, releaseId: string, t: number, seen: Seen, exposure: number): BacktestDecision[] {
  const made: BacktestDecision[] = [];
  const base = { t, stage: seen.stageIndex, exposure };
  // Read without the evidence: a look's decisions need only their action and reason.
  const recorded = core.db.prepare('SELECT action, reason FROM decisions WHERE release_id = ? AND created_at = ? ORDER BY rowid').all(releaseId, t) as { action: Action; reason: string }[];
  for (const d of recorded) {
    if (d.action === 'promote' || d.action === 'complete') made.push({ ...base, action: 'promote', gate: null, segment: null, reason: d.reason });
    else if (d.action === 'pause' || d.action === 'halt' || d.action === 'rollback') made.push({ ...base, action: d.action, ...cause(core, releaseId, t, seen), reason: d.reason });
  }
  if (seen.step.kind === 'request_approval') made.push({ ...base, action: 'request_approval', gate: null, segment: null, reason: seen.step.why });
  return made;
}
