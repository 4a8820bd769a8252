import { ok } from '../../../shared/index.ts';
import { createToken, listTokens, revokeToken } from '../tokens/service.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

/** The web host's stored tokens; every change is in the log under the caller's name. */
export function tokenHandlers(deps: HandlerDeps): HandlerGroup<'listTokens' | 'createToken' | 'revokeToken'> {
  const { db } = deps;
  return {
    listTokens: () => ok(listTokens(db)),
    createToken: (input, caller) => ok(createToken(db, input, caller.actor, deps.now())),
    revokeToken: (input, caller) => revokeToken(db, input.id, caller.actor, deps.now()),
  };
}
