import { fail, faultSegmentIssues, ok, SOURCE_WORDS } from '../../../shared/index.ts';
import { recordedSegmentKeys, simulatedSegmentKeys } from '../metrics/segmentKeys.ts';
import { endFaults, insertFault, listFaults } from '../repos/faults.ts';
import { getRelease } from '../repos/releases.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { writeTransaction } from '../db/write.ts';

export function simulatorHandlers(deps: HandlerDeps): HandlerGroup<'injectFault' | 'listFaults' | 'clearFaults' | 'getSegmentKeys'> {
  const { db } = deps;
  const exists = (id: string) => getRelease(db, id) !== null;
  return {
    injectFault: (input, caller) => {
      const release = getRelease(db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      // Accepted, a fault on a pushed or connected release is listed "Active" and changes nothing: the simulator does not write there.
      if (release.source !== 'simulator') return fail('illegal_action', `This release's numbers come from ${release.source === 'push' ? 'pushed samples' : SOURCE_WORDS[release.source]}; a fault changes only simulated data.`);
      const issues = faultSegmentIssues(input.segment, simulatedSegmentKeys(release.target));
      if (issues.length > 0) return fail('invalid_input', `The simulator cannot play that fault: ${issues.map((i) => i.message).join('; ')}.`, { issues });
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
    getSegmentKeys: (input) => {
      const release = getRelease(db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      return ok({ recorded: recordedSegmentKeys(db, release.id), simulated: simulatedSegmentKeys(release.target) });
    },
  };
}
