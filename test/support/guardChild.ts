// A host-like process for the crash test: the real core and guard on a data folder, looking after
// every simulator tick on a clock of its own, printing each look once it has been committed.
import { createCore } from '../../electron/core/core.ts';
import { defaultPlan, type Plan, type ReleaseDetail } from '../../shared/index.ts';

const [dataDir, startArg] = process.argv.slice(2);
let t = Number(startArg);
// A short lease, so the process after the kill takes over the guard without a long wait.
const core = createCore({ dataDir: dataDir!, version: 't', now: () => t, guard: true, lease: { ttlMs: 400 } });
const operator = { actor: 'alice', role: 'operator' as const };
const service = defaultPlan('service');
const plan: Plan = { ...service, stages: service.stages.map((s) => ({ ...s, exposure: Math.max(10, s.exposure), minSoak: '1d' })) };
const created = await core.invoke('createRelease', { name: 'api', app: 'api', version: '9', target: 'service', plan }, operator);
if (!created.ok) throw new Error(created.error.message);
const releaseId = (created.value as ReleaseDetail).release.id;
await core.invoke('decide', { releaseId, action: 'start', reason: 'crash test', monitor: 'dana' }, operator);
await core.invoke('injectFault', { releaseId, metric: 'error_rate', segment: { region: 'eu-west' }, factor: 1.8 }, operator);
console.log(JSON.stringify({ releaseId }));
for (;;) {
  t += 2000;
  core.simulator.tick(t);
  const looks = core.guard.stats.evaluations;
  console.log(JSON.stringify({ looks, t }));
  await new Promise((resolve) => setImmediate(resolve));
}
