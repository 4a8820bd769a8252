import type { FailureAction, Plan } from '../../shared/index.ts';

type Queries = NonNullable<Plan['metrics']>['queries'];
type Gates = Plan['stages'][number]['gates'];

/** The queries FakeMetricSource answers. */
export const FAKE_SOURCE_QUERIES: Queries = { error_rate: { events: 'errors{$cohort}', trials: 'requests{$cohort}' } };

/**
 * A service plan read through a connection: one 10 % stage soaking 10 min, gated on the error rate per
 * region (and any extra gates), then 100 %. The tests of the poller, the pre-flight and the guard on a
 * real Prometheus differ only in their queries and the failure action.
 */
export function boundPlan(connection: string, options: { name?: string; queries?: Queries; onFailure?: FailureAction; extraGates?: Gates } = {}): Plan {
  return {
    name: options.name ?? 'checkout canary',
    target: 'service',
    metrics: {
      connection,
      interval: '60s',
      staleAfter: '5m',
      cohorts: { label: 'version', canary: '$version', baseline: '$baselineVersion' },
      segments: { region: 'region' },
      queries: options.queries ?? FAKE_SOURCE_QUERIES,
    },
    stages: [
      {
        label: '10%',
        exposure: 10,
        minSoak: '10m',
        minSamples: 0,
        promotion: 'automatic',
        onFailure: options.onFailure ?? 'rollback',
        gates: [{ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, segments: ['region'], minSamples: 50 }, ...(options.extraGates ?? [])],
      },
      { label: 'all', exposure: 100, minSoak: 0, minSamples: 0, promotion: 'manual', onFailure: 'pause', gates: [] },
    ],
  };
}
