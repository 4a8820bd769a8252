import { fail, ok } from '../../../shared/index.ts';
import { getRelease } from '../repos/releases.ts';
import { planReadinessOf } from '../rollout/readiness.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

/** Whether the plan's stages can decide within their soak, at the traffic of the release's own last hour. */
export function readinessHandlers(deps: HandlerDeps): HandlerGroup<'getPlanReadiness'> {
  return {
    getPlanReadiness: (input) => {
      const release = getRelease(deps.db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      return ok(planReadinessOf(deps.db, release, deps.now()));
    },
  };
}
