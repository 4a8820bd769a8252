import { fail, ok, type ConnectionKind, type Plan, type Result, type SourceKind } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import type { HandlerDeps } from './deps.ts';

function connectionKind(db: Db, id: string): ConnectionKind | null {
  const row = db.prepare('SELECT kind FROM connections WHERE id = ?').get(id) as { kind: ConnectionKind } | undefined;
  return row?.kind ?? null;
}

/**
 * The source a plan binds a release to: its mapping's connection, or the simulator when it maps
 * nothing. A mapping must name a saved connection, and a baseline version when its selector uses one.
 */
export function sourceOfPlan(deps: Pick<HandlerDeps, 'db'>, plan: Plan, baselineVersion: string | null): Result<{ source: SourceKind }> {
  const mapping = plan.metrics;
  if (!mapping) return ok({ source: 'simulator' });
  const kind = connectionKind(deps.db, mapping.connection);
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
