import { changedTrainFields, currentRun, fail, ok, TRAIN_FIELD_LABELS, trainRun, type Result, type TrainView } from '../../../shared/index.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { checksOf, dropStaleChecks, getTrain, hasRunRecords, insertTrain, listTrains, releasesOfRun, setCheck, updateTrain, versionCut, type StoredTrain } from '../repos/trains.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { createReleaseRecord } from './releases.ts';
import { staleEdit } from './staleEdit.ts';
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
    version: stored.version,
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
    saveTrain: ({ baseVersion, ...input }, caller) => {
      const now = deps.now();
      const before = getTrain(db, input.id);
      const summary = { name: input.name, cadenceDays: input.cadenceDays, target: input.target };
      if (baseVersion === undefined) {
        // Creating is not editing: a taken id would otherwise overwrite someone's train.
        if (before) {
          return fail('conflict', `A train "${input.id}" exists already (${before.train.name}). Choose another id, or edit that train.`, {
            issues: [{ path: 'id', message: `"${input.id}" is taken by ${before.train.name}` }],
          });
        }
        writeTransaction(db, () => {
          insertTrain(db, input, now);
          appendEvent(db, { kind: 'train.created', subject: input.id, actor: caller.actor, at: now, payload: { ...summary, version: 1 } });
        });
        return viewOf(deps, input.id);
      }
      if (!before) return fail('not_found', `No train "${input.id}" to edit.`);
      if (before.version !== baseVersion) {
        return staleEdit({ db, kind: 'train.updated', subject: input.id, what: `train "${before.train.name}"`, baseVersion, version: before.version, labels: TRAIN_FIELD_LABELS });
      }
      const changed = changedTrainFields(before.train, input);
      // Saving what is already there is no change: no event, no new version.
      if (changed.length === 0) return ok(trainView(deps, before));
      const run = currentRun(input, now);
      const was = currentRun(before.train, now);
      if (was !== run && hasRunRecords(db, input.id)) {
        const message = `This schedule would renumber the runs: the run in progress, #${was + 1}, would become #${run + 1}, and ticks and cut releases are filed under run numbers. Keep run #${was + 1} in progress, or start a new train.`;
        return fail('conflict', message, { issues: [{ path: 'firstKickoff', message: `would make run #${run + 1} the run in progress instead of #${was + 1}` }] });
      }
      writeTransaction(db, () => {
        const version = updateTrain(db, input);
        // Ticks of items taken off a checklist go from the run in progress on, so an item put back starts
        // unticked; earlier runs keep theirs as their record.
        const droppedChecks = dropStaleChecks(db, input.id, run, input.phases);
        appendEvent(db, { kind: 'train.updated', subject: input.id, actor: caller.actor, at: now, payload: { ...summary, changed, version, droppedChecks } });
      });
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
      // A version ships once: a second cut of it would be two releases of one build.
      const taken = versionCut(db, train.id, input.version);
      if (taken) {
        const message = `${train.name} has cut ${input.version} already (${taken.name}, run #${(taken.trainRun ?? 0) + 1}). Cut the next version instead.`;
        return fail('conflict', message, { issues: [{ path: 'version', message: `${input.version} was cut already, as ${taken.name}` }] });
      }
      return createReleaseRecord(
        deps,
        { name: `${train.app} ${input.version}`, app: train.app, version: input.version, target: train.target, trainId: train.id, trainRun: run },
        train.plan,
        caller.actor,
      );
    },
  };
}
