import { fail, ok } from '../../../shared/index.ts';
import { endFaults, insertFault, listFaults } from '../repos/faults.ts';
import { getRelease } from '../repos/releases.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { writeTransaction } from '../db/write.ts';

export function simulatorHandlers(deps: HandlerDeps): HandlerGroup<'injectFault' | 'listFaults' | 'clearFaults'> {
  const { db } = deps;
  const exists = (id: string) => getRelease(db, id) !== null;
  return {
    injectFault: (input, caller) => {
      if (!exists(input.releaseId)) return fail('not_found', `No release "${input.releaseId}".`);
      const now = deps.now();
      const startsAt = now + input.startsInSeconds * 1000;
      const fault = writeTransaction(db, () =>
        insertFault(db, { releaseId: input.releaseId, metric: input.metric, segment: input.segment, factor: input.factor, startsAt, endsAt: startsAt + input.durationSeconds * 1000, createdAt: now }, caller.actor),
      );
      deps.bus.emit({ type: 'release.changed', releaseId: input.releaseId });
      return ok(fault);
    },
    listFaults: (input) => (exists(input.releaseId) ? ok(listFaults(db, input.releaseId)) : fail('not_found', `No release "${input.releaseId}".`)),
    clearFaults: (input, caller) => {
      if (!exists(input.releaseId)) return fail('not_found', `No release "${input.releaseId}".`);
      const ended = writeTransaction(db, () => endFaults(db, input.releaseId, deps.now(), caller.actor));
      return ok({ ended });
    },
  };
}
