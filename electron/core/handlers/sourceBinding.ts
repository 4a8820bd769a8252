import { fail, ok, type Plan, type Result, type SourceKind } from '../../../shared/index.ts';
import { connectionHead } from '../connections/repo.ts';
import type { HandlerDeps } from './deps.ts';

/**
 * The source a plan binds a release to: its mapping's connection, or the simulator when it maps
 * nothing. A mapping must name a saved connection, and a baseline version when its selector uses one.
 */
export function sourceOfPlan(deps: Pick<HandlerDeps, 'db'>, plan: Plan, baselineVersion: string | null): Result<{ source: SourceKind }> {
  const mapping = plan.metrics;
  if (!mapping) return ok({ source: 'simulator' });
  const kind = connectionHead(deps.db, mapping.connection)?.kind ?? null;
  if (!kind) {
    return fail('invalid_input', `The plan reads its metrics through "${mapping.connection}", which is not a saved connection (Settings ▸ Connections).`, {
      issues: [{ path: 'plan.metrics.connection', message: 'no such connection' }],
    });
  }
  const usesBaseline = [mapping.cohorts.canary, mapping.cohorts.baseline].some((s) => s.includes('$baselineVersion'));
  if (usesBaseline && !baselineVersion) {
    return fail('invalid_input', 'The metric mapping compares with $baselineVersion: say which version the canary is compared with.', {
      issues: [{ path: 'baselineVersion', message: 'the version running as baseline, e.g. 1.3.2' }],
    });
  }
  return ok({ source: kind });
}
