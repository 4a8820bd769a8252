import { currentRun, fail, ok, trainRun, type Result, type TrainView } from '../../../shared/index.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { checksOf, dropStaleChecks, getTrain, hasRunRecords, listTrains, releasesOfRun, setCheck, upsertTrain, type StoredTrain } from '../repos/trains.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { createReleaseRecord } from './releases.ts';
import { writeTransaction } from '../db/write.ts';

export function trainView(deps: HandlerDeps, stored: StoredTrain): TrainView {
  const now = deps.now();
  const { train } = stored;
  const checks = checksOf(deps.db, train.id);
  const run = currentRun(train, now);
  return {
    train,
    current: trainRun(train, run, now, checks, releasesOfRun(deps.db, train.id, run)),
    next: trainRun(train, run + 1, now, checks, releasesOfRun(deps.db, train.id, run + 1)),
    createdAt: stored.createdAt,
  };
}

function viewOf(deps: HandlerDeps, id: string): Result<TrainView> {
  const stored = getTrain(deps.db, id);
  return stored ? ok(trainView(deps, stored)) : fail('not_found', `No train "${id}".`);
}

export function trainHandlers(deps: HandlerDeps): HandlerGroup<'listTrains' | 'saveTrain' | 'checkTrainItem' | 'cutRelease'> {
  const { db } = deps;
  return {
    listTrains: () => ok(listTrains(db).map((t) => trainView(deps, t))),
    saveTrain: (input, caller) => {
      const now = deps.now();
      const run = currentRun(input, now);
      // Checked under the write lock: another host may have ticked an item or cut a release since.
      const saved = writeTransaction(db, (): Result<null> => {
        const before = getTrain(db, input.id);
        if (before) {
          const was = currentRun(before.train, now);
          if (was !== run && hasRunRecords(db, input.id)) {
            const message = `This schedule would renumber the runs: the run in progress, #${was + 1}, would become #${run + 1}, and ticks and cut releases are filed under run numbers. Keep run #${was + 1} in progress, or start a new train.`;
            return fail('conflict', message, { issues: [{ path: 'firstKickoff', message: `would make run #${run + 1} the run in progress instead of #${was + 1}` }] });
          }
        }
        upsertTrain(db, input, now);
        // Ticks of items taken off a checklist go from the run in progress on, so an item put back starts
        // unticked; earlier runs keep theirs as their record.
        const droppedChecks = before ? dropStaleChecks(db, input.id, run, input.phases) : 0;
        const payload = { name: input.name, cadenceDays: input.cadenceDays, target: input.target, ...(droppedChecks > 0 ? { droppedChecks } : {}) };
        appendEvent(db, { kind: before ? 'train.updated' : 'train.created', subject: input.id, actor: caller.actor, at: now, payload });
        return ok(null);
      });
      if (!saved.ok) return saved;
      return viewOf(deps, input.id);
    },
    checkTrainItem: (input, caller) => {
      const stored = getTrain(db, input.trainId);
      if (!stored) return fail('not_found', `No train "${input.trainId}".`);
      const phase = stored.train.phases.find((p) => p.phase === input.phase);
      if (!phase?.checklist.includes(input.item)) {
        return fail('not_found', `"${input.item}" is not on the ${input.phase} checklist of ${stored.train.name}.`);
      }
      const now = deps.now();
      writeTransaction(db, () => {
        setCheck(db, input.trainId, input.run, input.phase, input.item, input.checked, caller.actor, now);
        appendEvent(db, { kind: input.checked ? 'train.item_checked' : 'train.item_unchecked', subject: input.trainId, actor: caller.actor, at: now, payload: { run: input.run, phase: input.phase, item: input.item } });
      });
      return viewOf(deps, input.trainId);
    },
    cutRelease: (input, caller) => {
      const stored = getTrain(db, input.trainId);
      if (!stored) return fail('not_found', `No train "${input.trainId}".`);
      const { train } = stored;
      const run = input.run ?? currentRun(train, deps.now());
      return createReleaseRecord(
        deps,
        { name: `${train.app} ${input.version}`, app: train.app, version: input.version, target: train.target, trainId: train.id, trainRun: run },
        train.plan,
        caller.actor,
      );
    },
  };
}
