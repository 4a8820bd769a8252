// A pushed release rolling under the guard on a fake clock, and minutes of error rows pushed to it as a client sends them.
import { defaultPlan, type Decision, type GateStatus, type Plan, type ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from './core.ts';

export const MIN = 60_000;

/** The service plan with its error gate alone, so only error rows are waited for. */
export const errorsOnly = (): Plan => {
  const plan = defaultPlan('service');
  return { ...plan, stages: plan.stages.map((s) => ({ ...s, gates: s.gates.filter((g) => g.metric === 'error_rate') })) };
};

export async function rollingRelease(plan: Plan = errorsOnly()) {
  const h = operatorCore({ guard: true });
  const t0 = h.clock.t;
  const { release } = await h.call<ReleaseDetail>('createRelease', { name: 'Push 1.0', app: 'push', version: '1.0', target: 'service', plan });
  await h.call('decide', { releaseId: release.id, action: 'start', reason: 'go live', monitor: 'dana' });
  const row = (cohort: 'canary' | 'baseline', m: number, canaryRate: number, region = 'eu-west') => ({
    releaseId: release.id,
    cohort,
    metric: 'error_rate',
    region,
    t: t0 + m * MIN,
    value: cohort === 'canary' ? canaryRate : 1,
    weight: cohort === 'canary' ? 2000 : 20000,
  });
  const errors = async () => (await h.call<GateStatus | null>('getGateStatus', { releaseId: release.id }))!.results.find((r) => r.gateId === 'errors')!;
  const stops = async () => (await h.call<Decision[]>('listDecisions', { releaseId: release.id })).filter((d) => d.actor === 'guard' && d.action !== 'promote');
  return { ...h, t0, releaseId: release.id, row, errors, stops };
}

export type Pushed = Awaited<ReturnType<typeof rollingRelease>>;

/** Minutes 1…n of rows, as `send` pushes each minute; then the error gate and the guard's stops. */
export async function pushMinutes(h: Pushed, n: number, send: (m: number) => Promise<void>) {
  for (let m = 1; m <= n; m += 1) await send(m);
  return { errors: await h.errors(), stops: await h.stops() };
}
