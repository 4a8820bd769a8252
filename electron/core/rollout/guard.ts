import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { listReleases, markApprovalRequested } from '../repos/releases.ts';
import { recordDecision } from './decide.ts';
import { evaluateStage, type JudgeSetup, type StageEvaluation } from './evaluation.ts';
import { writeTransaction } from '../db/write.ts';

export interface GuardDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  /** The statistical judge of relative and KPI gates; null compares means only. */
  judge: JudgeSetup | null;
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
 * Watches every rolling stage: each time samples arrive it judges the stage's gates and, on a
 * failure, takes the stage's failure action; on a pass held for the minimum soak it promotes, or
 * asks a person when the stage is manual. Inconclusive or missing data never promotes.
 */
export class Guard {
  readonly #deps: GuardDeps;
  readonly stats: GuardStats = { evaluations: 0, gatesEvaluated: 0, busyMs: 0, decisions: 0 };
  #unsubscribe: (() => void) | null = null;

  constructor(deps: GuardDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#unsubscribe ??= this.#deps.bus.subscribe((event) => {
      if (event.type !== 'samples.arrived') return;
      // Caught here: the bus drops a listener that throws, which would silently end the guard.
      try {
        this.check(event.releaseIds);
      } catch (error) {
        this.#deps.log?.('stagegate: the guard could not check the new samples', error);
      }
    });
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  get running(): boolean {
    return this.#unsubscribe !== null;
  }

  /** Judges the given releases (all rolling ones when none are named) and acts; returns the evaluations. */
  check(releaseIds?: readonly string[]): StageEvaluation[] {
    const { db, bus } = this.#deps;
    const ids = releaseIds ?? listReleases(db, 'rolling').map((r) => r.id);
    const evaluations: StageEvaluation[] = [];
    for (const id of ids) {
      const started = performance.now();
      const now = this.#deps.now();
      const evaluation = evaluateStage(db, id, now, this.#deps.judge);
      this.stats.busyMs += performance.now() - started;
      if (!evaluation) continue;
      this.stats.evaluations += 1;
      this.stats.gatesEvaluated += evaluation.results.length;
      evaluations.push(evaluation);
      const step = evaluation.step;
      if (step.kind === 'act') {
        const decided = recordDecision(this.#deps, { releaseId: id, action: step.action, reason: step.why, actor: GUARD_ACTOR });
        if (decided.ok) this.stats.decisions += 1;
        else this.#deps.log?.(`guard: could not ${step.action} ${id}: ${decided.error.message}`);
      } else if (step.kind === 'request_approval') {
        writeTransaction(db, () => {
          markApprovalRequested(db, id, now);
          appendEvent(db, { kind: 'approval.requested', subject: id, actor: GUARD_ACTOR, at: now, payload: { stageIndex: evaluation.stageIndex, stage: evaluation.stageLabel, why: step.why } });
        });
        bus.emit({ type: 'release.changed', releaseId: id });
      }
    }
    return evaluations;
  }
}
