import { DEFAULT_PHASES, defaultPlan, type ConnectionView, type ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from './core.ts';

/**
 * A core with the demo seeded and then every writer of the event log called once, through the
 * contract (and the guard, for its approval request): the log holds every kind the code writes.
 */
export async function coreWithEveryWriter() {
  const c = operatorCore({ demo: true });
  const { call, core } = c;
  await call('decide', { releaseId: 'demo-checkout-api-2026-11', action: 'pause', reason: 'latency looks off' });
  await call('decide', { releaseId: 'demo-android-4-2-0', action: 'halt', reason: 'crash spike' });
  await call('decide', { releaseId: 'demo-android-4-2-0', action: 'resume', reason: 'fix confirmed', exposurePct: 2.5 });

  const api = (await call<ReleaseDetail>('createRelease', { name: 'api 1.0', app: 'api', version: '1.0', target: 'service', plan: defaultPlan('service') })).release.id;
  await call('decide', { releaseId: api, action: 'start', reason: 'go live', preflightOverride: { reason: 'on-call is Dana, named in the channel' } });
  await call('decide', { releaseId: api, action: 'promote', reason: 'hotfix', override: { reasonCode: 'business_critical', expiresInMinutes: 60 } });
  const plan = defaultPlan('service');
  await call('updatePlan', { releaseId: api, plan: { ...plan, stages: [...plan.stages.slice(0, 3), plan.stages.at(-1)!] } });
  await call('injectFault', { releaseId: api, metric: 'error_rate', segment: { region: 'eu-west' }, factor: 2 });
  await call('clearFaults', { releaseId: api });

  const pushed = (await call<ReleaseDetail>('createRelease', { name: 'pushed 2.0', app: 'pushed', version: '2.0', target: 'service', plan: defaultPlan('service') })).release.id;
  await call('ingestSamples', { samples: [{ releaseId: pushed, cohort: 'canary', metric: 'error_rate', region: '', device: '', tenant: '', t: c.clock.t, value: 0.5, weight: 100 }] });

  await call('saveFlag', { key: 'checkout.one-tap', description: 'One-tap checkout', owner: 'payments', type: 'release', linkedReleases: [api] });
  await call('saveFlag', { key: 'checkout.one-tap', description: 'One-tap checkout for returning buyers', owner: 'payments', type: 'release', linkedReleases: [api], baseVersion: 1 });
  await call('setFlagState', { key: 'checkout.one-tap', environment: 'production', state: { mode: 'percentage', pct: 25 }, reason: 'first ramp' });

  const train = { id: 'web-weekly', name: 'Web weekly', app: 'web', target: 'service', cadenceDays: 7, firstKickoff: c.clock.t - 86_400_000, phases: DEFAULT_PHASES, rotation: ['ana', 'bo'], plan: defaultPlan('service') };
  await call('saveTrain', train);
  await call('saveTrain', { ...train, rotation: ['ana', 'bo', 'cy'], baseVersion: 1 });
  const phase = DEFAULT_PHASES[0]!;
  await call('checkTrainItem', { trainId: 'web-weekly', run: 0, phase: phase.phase, item: phase.checklist[0], checked: true });
  await call('checkTrainItem', { trainId: 'web-weekly', run: 0, phase: phase.phase, item: phase.checklist[0], checked: false });

  const prometheus = { kind: 'prometheus', baseUrl: 'https://prom.internal:9090', auth: 'bearer' } as const;
  const conn = await call<ConnectionView>('saveConnection', { name: 'Prod Prometheus', config: prometheus, secrets: { token: 'prom-bearer-0123456789-abcd' } });
  const edited = await call<ConnectionView>('saveConnection', { id: conn.id, expectedVersion: conn.version, name: 'Prod Prometheus', config: { ...prometheus, auth: 'none' } });
  await call('removeConnection', { id: conn.id, expectedVersion: edited.version });

  const token = await call<{ info: { id: string } }>('createToken', { role: 'viewer', label: 'war room' });
  await call('revokeToken', { id: token.info.id });

  // A manual stage without gates is ready at once: the guard's look asks for approval.
  const manualPlan = { name: 'manual', target: 'service', stages: [{ label: 'canary', exposure: 10, promotion: 'manual' }, { label: 'all', exposure: 100 }] };
  const manual = (await call<ReleaseDetail>('createRelease', { name: 'manual 1.0', app: 'manual', version: '1.0', target: 'service', plan: manualPlan })).release.id;
  await call('decide', { releaseId: manual, action: 'start', reason: 'go live', preflightOverride: { reason: 'no gates, a person watches' } });
  core.guard.check([manual]);
  return { ...c, api };
}
