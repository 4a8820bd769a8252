import { fail, failedChecks, ok, type PreflightEvidence, type Result } from '../../../shared/index.ts';
import { getRelease } from '../repos/releases.ts';
import { runPreflight, type PreflightDeps } from '../rollout/preflight.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { flagExpiryResolver } from './flags.ts';

const preflightDeps = (deps: HandlerDeps): PreflightDeps => ({ db: deps.db, now: deps.now, sources: deps.sources, flagExpiry: flagExpiryResolver(deps) });

export interface StartRequest {
  releaseId: string;
  monitor?: string | undefined;
  preflightOverride?: { reason: string } | undefined;
}

/**
 * The gate in front of a start: runs the pre-flight and refuses with preflight_failed (the checks in
 * `preflight`) when a check fails and no override says why to go anyway. What it ran, and the
 * override, go into the start decision's evidence. Null when there is nothing to start (unknown, or
 * not planned): the decision's own rules refuse that, with their own words.
 */
export async function preflightForStart(deps: HandlerDeps, request: StartRequest, actor: string): Promise<Result<PreflightEvidence | null>> {
  const release = getRelease(deps.db, request.releaseId);
  if (!release || release.status !== 'planned') return ok(null);
  const preflight = await runPreflight(preflightDeps(deps), release, { monitor: request.monitor });
  const failed = failedChecks(preflight);
  if (failed.length > 0 && !request.preflightOverride) {
    const list = failed.map((c) => `${c.title.charAt(0).toLowerCase()}${c.title.slice(1)}: ${c.finding.replace(/\.$/, '')}`).join('; ');
    return fail('preflight_failed', `The pre-flight failed ${failed.length === 1 ? 'a check' : `${failed.length} checks`} — ${list}. Fix ${failed.length === 1 ? 'it' : 'them'}, or start anyway with an override reason.`, {
      allowed: failed.map((c) => c.id),
      preflight,
    });
  }
  return ok({
    ...preflight,
    monitor: request.monitor ?? null,
    overridden: failed.map((c) => c.id),
    override: failed.length > 0 && request.preflightOverride ? { reason: request.preflightOverride.reason, actor } : null,
  });
}

export function preflightHandlers(deps: HandlerDeps): HandlerGroup<'getPreflight'> {
  return {
    getPreflight: async (input) => {
      const release = getRelease(deps.db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      return ok(await runPreflight(preflightDeps(deps), release, { monitor: input.monitor }));
    },
  };
}
