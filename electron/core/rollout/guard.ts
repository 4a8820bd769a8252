import type { Decision, StageEvaluation } from '../../../shared/index.ts';
import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { getRelease, markApprovalRequested, releaseIdsIn } from '../repos/releases.ts';
import { decideInTransaction } from './decide.ts';
import { lookAtStage } from './evaluation.ts';
import { writeTransaction } from '../db/write.ts';

export interface GuardDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface GuardStats {
  evaluations: number;
  gatesEvaluated: number;
  busyMs: number;
  decisions: number;
}

export const GUARD_ACTOR = 'guard';

/**
 * Watches every rolling stage: each time samples arrive it takes a look — folds the new samples
 * into the stage's sequential state and judges the gates — and, on a failure, takes the stage's
 * failure action; on a pass held for the minimum soak it promotes, or asks a person when the stage
 * is manual. Inconclusive or missing data never promotes. A look, its state and the decision it
 * leads to are one transaction: nothing of a look survives a rollback, and all of it survives a crash.
 */
export class Guard {
  readonly #deps: GuardDeps;
  readonly stats: GuardStats = { evaluations: 0, gatesEvaluated: 0, busyMs: 0, decisions: 0 };
  #unsubscribe: (() => void) | null = null;

  constructor(deps: GuardDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#deps.bus.subscribe((event) => {
      if (event.type !== 'samples.arrived') return;
      this.#safeCheck(event.releaseIds, 'the new samples');
    });
    // Samples pushed while no host held the lease (the last one killed, its lease not yet expired) told
    // no guard: without this look a regression pushed then waited for the next push to be acted on. The
    // simulator and the poller tell the guard of their own samples when they run.
    const pushed = releaseIdsIn(this.#deps.db, 'rolling').filter((id) => getRelease(this.#deps.db, id)?.source === 'push');
    if (pushed.length > 0) this.#safeCheck(pushed, 'the pushed releases on starting');
  }

  /** Caught here: the bus drops a listener that throws, which would silently end the guard. */
  #safeCheck(releaseIds: readonly string[], what: string): void {
    try {
      this.check(releaseIds);
    } catch (error) {
      this.#deps.log?.(`stagegate: the guard could not check ${what}`, error);
    }
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  get running(): boolean {
    return this.#unsubscribe !== null;
  }

  /** Looks at the given releases (all rolling ones when none are named) and acts; returns the evaluations. */
  check(releaseIds?: readonly string[]): StageEvaluation[] {
    const { db, bus } = this.#deps;
    const rolling = new Set(releaseIdsIn(db, 'rolling'));
    const ids = (releaseIds ?? [...rolling]).filter((id) => rolling.has(id));
    const evaluations: StageEvaluation[] = [];
    for (const id of ids) {
      const started = performance.now();
      const now = this.#deps.now();
      let decided: Decision | null = null;
      let approval = false;
      const evaluation = writeTransaction(db, () => {
        const look = lookAtStage(db, id, now, 'advance');
        if (!look) return null;
        const step = look.evaluation.step;
        if (step.kind === 'act') {
          const result = decideInTransaction(this.#deps, { releaseId: id, action: step.action, reason: step.why, actor: GUARD_ACTOR }, look);
          if (result.ok) decided = result.value;
          else this.#deps.log?.(`guard: could not ${step.action} ${id}: ${result.error.message}`);
        } else if (step.kind === 'request_approval') {
          markApprovalRequested(db, id, now);
          appendEvent(db, { kind: 'approval.requested', subject: id, actor: GUARD_ACTOR, at: now, payload: { stageIndex: look.evaluation.stageIndex, stage: look.evaluation.stageLabel, why: step.why } });
          approval = true;
        }
        return look.evaluation;
      });
      this.stats.busyMs += performance.now() - started;
      if (!evaluation) continue;
      this.stats.evaluations += 1;
      this.stats.gatesEvaluated += evaluation.results.length;
      evaluations.push(evaluation);
      if (decided) {
        this.stats.decisions += 1;
        bus.emit({ type: 'decision.recorded', decision: decided });
      }
      if (decided || approval) bus.emit({ type: 'release.changed', releaseId: id });
    }
    return evaluations;
  }
}
