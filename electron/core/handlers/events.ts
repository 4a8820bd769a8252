import { fail, ok } from '../../../shared/index.ts';
import { listEvents, verifyChain } from '../repos/eventLog.ts';
import { getRelease } from '../repos/releases.ts';
import { getTrain } from '../repos/trains.ts';
import { releaseTimeline, trainTimeline } from '../rollout/timeline.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

export function eventHandlers(deps: HandlerDeps): HandlerGroup<'listEvents' | 'verifyEventLog' | 'getTimeline'> {
  const { db } = deps;
  return {
    listEvents: (input) => ok(listEvents(db, input)),
    // Asked for by a person: the whole chain, so an edit to an event verified earlier shows now, not at the next open.
    verifyEventLog: () => ok(verifyChain(db, { full: true })),
    getTimeline: (input) => {
      if (input.releaseId !== undefined) {
        return getRelease(db, input.releaseId) ? ok(releaseTimeline(db, input.releaseId, input.limit)) : fail('not_found', `No release "${input.releaseId}".`);
      }
      const trainId = input.trainId!;
      return getTrain(db, trainId) ? ok(trainTimeline(db, trainId, deps.now(), input.limit)) : fail('not_found', `No train "${trainId}".`);
    },
  };
}
