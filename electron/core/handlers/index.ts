import type { Handlers } from '../dispatch.ts';
import { connectionHandlers } from './connections.ts';
import type { HandlerDeps } from './deps.ts';
import { eventHandlers } from './events.ts';
import { flagHandlers } from './flags.ts';
import { ingestHandlers } from './ingest.ts';
import { planHandlers } from './plans.ts';
import { preflightHandlers } from './preflight.ts';
import { readinessHandlers } from './readiness.ts';
import { releaseHandlers } from './releases.ts';
import { simulatorHandlers } from './simulator.ts';
import { sourceHandlers } from './sources.ts';
import { tokenHandlers } from './tokens.ts';
import { trainHandlers } from './trains.ts';

export type { HandlerDeps } from './deps.ts';

/** Every contract method's handler; the type makes a missing one a compile error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...releaseHandlers(deps),
    ...planHandlers(deps),
    ...readinessHandlers(deps),
    ...trainHandlers(deps),
    ...flagHandlers(deps),
    ...simulatorHandlers(deps),
    ...ingestHandlers(deps),
    ...sourceHandlers(deps),
    ...eventHandlers(deps),
    ...connectionHandlers(deps),
    ...tokenHandlers(deps),
    ...preflightHandlers(deps),
  };
}
