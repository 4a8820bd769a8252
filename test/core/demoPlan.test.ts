// The README's local-Prometheus path, end to end in the core: the demo exporter's data (as a recording, backfilled
// into a real Prometheus), the demo plan's YAML with its template queries, the real Prometheus client and the poller.
// A canary regressing in eu-west is rolled back naming eu-west; a healthy one is promoted.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { demoOpenMetrics, type DemoOptions } from '../../scripts/demo/demoMetrics.ts';
import { planFromYaml, type ConnectionView, type ReleaseDetail } from '../../shared/index.ts';
import { FakeClock } from '../support/clock.ts';
import { BACKFILL_AGE_MS, startPrometheus, type PrometheusHarness } from '../support/prometheus.ts';
import { tempDir } from '../support/tmp.ts';
import { dataFile } from '../support/dataFile.ts';

const MIN = 60_000;
const operator = { actor: 'alice', role: 'operator' as const };
const HOURS = 2;
const end = Math.floor((Date.now() - BACKFILL_AGE_MS - 10 * MIN) / MIN) * MIN;
const start = end - HOURS * 3_600_000;

/** A Prometheus over the demo exporter's recording (what `--write-openmetrics` writes), backfilled with promtool. */
function prometheusOver(options: Partial<DemoOptions>): Promise<PrometheusHarness> {
  return startPrometheus({ families: [], openMetrics: demoOpenMetrics(options, end, HOURS) });
}

async function releaseOnDemoPlan(prom: PrometheusHarness): Promise<{ core: Core; clock: FakeClock; releaseId: string }> {
  const clock = new FakeClock(start + 10 * MIN);
  const core = createCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true, pollEveryMs: 0, sourceGuard: { retries: 0, failuresToOpen: 1000 } });
  const saved = await core.invoke('saveConnection', { name: 'Local Prometheus', config: { kind: 'prometheus', baseUrl: prom.url, auth: 'none' } }, operator);
  if (!saved.ok) throw new Error(saved.error.message);
  expect((saved.value as ConnectionView).id).toBe('local-prometheus');
  const plan = planFromYaml(fs.readFileSync('scripts/demo/checkout-plan.yaml', 'utf8'));
  if (!plan.ok) throw new Error(plan.error.message);
  const created = await core.invoke('createRelease', { name: 'checkout 1.4.0', app: 'checkout', version: '1.4.0', baselineVersion: '1.3.9', target: 'service', plan: plan.value }, operator);
  if (!created.ok) throw new Error(created.error.message);
  const releaseId = (created.value as ReleaseDetail).release.id;
  const started = await core.invoke('decide', { releaseId, action: 'start', reason: 'demo', monitor: 'dana' }, operator);
  if (!started.ok) throw new Error(started.error.message);
  return { core, clock, releaseId };
}

const status = (core: Core, id: string) => dataFile(core.dataDir).prepare('SELECT status, stage_index FROM releases WHERE id = ?').get(id) as { status: string; stage_index: number };

async function minuteByMinute(core: Core, clock: FakeClock, minutes: number, until: () => boolean): Promise<number> {
  for (let i = 1; i <= minutes; i += 1) {
    clock.advance(MIN);
    await core.poller.cycle();
    if (until()) return i;
  }
  return -1;
}

describe('the demo plan on the demo exporter’s data in a real Prometheus', () => {
  let regressed: PrometheusHarness;
  let healthy: PrometheusHarness;
  beforeAll(async () => {
    [regressed, healthy] = await Promise.all([prometheusOver({ regress: 'eu-west' }), prometheusOver({})]);
  }, 60_000);
  afterAll(async () => {
    await regressed?.dispose();
    await healthy?.dispose();
  });

  it('rolls the release back when the canary regresses in eu-west, naming eu-west', async () => {
    const { core, clock, releaseId } = await releaseOnDemoPlan(regressed);
    const minutes = await minuteByMinute(core, clock, 90, () => status(core, releaseId).status !== 'rolling');
    // Found in minutes, at 1 % exposure: not after the rollout has gone on.
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(30);
    expect(status(core, releaseId)).toEqual({ status: 'rolled_back', stage_index: 0 });
    const decision = dataFile(core.dataDir).prepare("SELECT reason FROM decisions WHERE release_id = ? AND actor = 'guard'").get(releaseId) as { reason: string };
    expect(decision.reason).toMatch(/eu-west/);
    core.close();
  }, 60_000);

  it('promotes a healthy canary past its first stage', async () => {
    const { core, clock, releaseId } = await releaseOnDemoPlan(healthy);
    const minutes = await minuteByMinute(core, clock, 90, () => status(core, releaseId).stage_index >= 1 || status(core, releaseId).status !== 'rolling');
    // Not before the stage's 5 min soak, and without waiting hours for evidence.
    expect(minutes).toBeGreaterThanOrEqual(5);
    expect(minutes).toBeLessThanOrEqual(45);
    expect(status(core, releaseId)).toEqual({ status: 'rolling', stage_index: 1 });
    core.close();
  }, 60_000);
});
