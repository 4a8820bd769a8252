import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { ConnectionView, GateStatus, ReleaseDetail, ReleaseListItem } from '../../shared/index.ts';
import { FakeClock } from '../support/clock.ts';
import { boundPlan } from '../support/boundPlan.ts';
import { FakeMetricSource, type Traffic } from '../support/fakeMetricSource.ts';
import { tempDir } from '../support/tmp.ts';
import { dataFile } from '../support/dataFile.ts';

const operator = { actor: 'alice', role: 'operator' as const };
const MIN = 60_000;
const REGIONS = ['eu-west', 'us-east', 'ap-south'];

const healthy: Traffic = (version) => (version === '1.1' ? { requests: 500, errors: 5 } : { requests: 5000, errors: 50 });
const euRegresses: Traffic = (version, region) => (version === '1.1' && region === 'eu-west' ? { requests: 500, errors: 25 } : healthy(version, region, 0));


async function setup(traffic: Traffic, limits?: { maxPointsPerSeries: number; minStepSeconds: number }): Promise<{ core: Core; clock: FakeClock; source: FakeMetricSource; releaseId: string }> {
  const clock = new FakeClock();
  const source = new FakeMetricSource(traffic, REGIONS, limits);
  const core = createCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true, sourceClient: () => source, pollEveryMs: 0, sourceGuard: { retries: 0, failuresToOpen: 1000 } });
  const saved = await core.invoke('saveConnection', { name: 'prod prometheus', config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9' } }, operator);
  if (!saved.ok) throw new Error(saved.error.message);
  const connection = (saved.value as ConnectionView).id;
  const created = await core.invoke('createRelease', { name: 'checkout 1.1', app: 'checkout', version: '1.1', baselineVersion: '1.0', target: 'service', plan: boundPlan(connection) }, operator);
  if (!created.ok) throw new Error(created.error.message);
  const releaseId = (created.value as ReleaseDetail).release.id;
  const started = await core.invoke('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' }, operator);
  if (!started.ok) throw new Error(started.error.message);
  return { core, clock, source, releaseId };
}

const status = (core: Core, id: string): { status: string; stage_index: number } => dataFile(core.dataDir).prepare('SELECT status, stage_index FROM releases WHERE id = ?').get(id) as { status: string; stage_index: number };
const sampleCount = (core: Core, id: string): number =>
  (dataFile(core.dataDir).prepare('SELECT COUNT(*) AS n FROM samples s JOIN metric_series ms ON ms.id = s.series_id WHERE ms.release_id = ?').get(id) as { n: number }).n;

async function minuteByMinute(core: Core, clock: FakeClock, minutes: number, until: () => boolean = () => false): Promise<number> {
  for (let i = 1; i <= minutes; i += 1) {
    clock.advance(MIN);
    await core.poller.cycle();
    if (until()) return i;
  }
  return -1;
}

async function gateStatus(core: Core, releaseId: string): Promise<GateStatus> {
  const r = await core.invoke('getGateStatus', { releaseId }, operator);
  if (!r.ok || !r.value) throw new Error('no gate status');
  return r.value as GateStatus;
}

describe('the poller', () => {
  it('feeds a bound release from its connection, per cohort and region, and the simulator never writes into it', async () => {
    const { core, clock, releaseId } = await setup(healthy);
    core.simulator.tick(clock.advance(MIN));
    expect(sampleCount(core, releaseId)).toBe(0);
    await minuteByMinute(core, clock, 3);
    const series = dataFile(core.dataDir).prepare('SELECT cohort, region FROM metric_series WHERE release_id = ? ORDER BY cohort, region').all(releaseId);
    expect(series).toEqual(['baseline', 'canary'].flatMap((cohort) => [...REGIONS].sort().map((region) => ({ cohort, region }))));
    const pushed = await core.invoke('ingestSamples', { samples: [{ releaseId, cohort: 'canary', metric: 'error_rate', region: 'eu-west', t: clock.t, value: 1, weight: 10 }] }, operator);
    expect(pushed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const list = await core.invoke('listReleases', {}, operator);
    const item = (list.ok ? (list.value as ReleaseListItem[]) : []).find((r) => r.id === releaseId)!;
    expect(item.sourceStatus).toMatchObject({ kind: 'prometheus', connectionName: 'prod prometheus', stale: false });
    core.close();
  });

  it('rolls back on a regression in one region, naming it, on fetched data', async () => {
    const { core, clock, releaseId } = await setup(euRegresses);
    const minutes = await minuteByMinute(core, clock, 60, () => status(core, releaseId).status !== 'rolling');
    expect(minutes).toBeGreaterThan(0);
    expect(status(core, releaseId).status).toBe('rolled_back');
    const decision = dataFile(core.dataDir).prepare("SELECT reason FROM decisions WHERE release_id = ? AND actor = 'guard'").get(releaseId) as { reason: string };
    expect(decision.reason).toMatch(/eu-west/);
    core.close();
  });

  it('never promotes on stale data during an outage, says why, then backfills the gap within the provider’s limits and promotes', async () => {
    const { core, clock, source, releaseId } = await setup(healthy, { maxPointsPerSeries: 8, minStepSeconds: 1 });
    await minuteByMinute(core, clock, 3);
    source.down = true;
    await minuteByMinute(core, clock, 25);
    // The soak (10 min) is long past, yet the stage stays: its data stopped 25 minutes ago.
    expect(status(core, releaseId)).toEqual({ status: 'rolling', stage_index: 0 });
    const stale = await gateStatus(core, releaseId);
    expect(stale.results[0]).toMatchObject({ outcome: 'no_data', stale: { why: expect.stringMatching(/^Prometheus unreachable for (2[0-9]) min; last sample \d\d:\d\d UTC$/) } });
    expect(stale.next.why).toMatch(/not promoting on stale data/);

    source.down = false;
    source.windows.length = 0;
    await core.poller.cycle();
    expect(source.windows.length).toBeGreaterThan(4);
    for (const w of source.windows) expect((w.end - w.start) / 1000 / w.stepSeconds + 1).toBeLessThanOrEqual(8);
    // Contiguous: a canary series has a sample at every minute from the first fetch to the last.
    const times = (dataFile(core.dataDir).prepare("SELECT s.t FROM samples s JOIN metric_series ms ON ms.id = s.series_id WHERE ms.release_id = ? AND ms.cohort = 'canary' AND ms.region = 'eu-west' ORDER BY s.t").all(releaseId) as { t: number }[]).map((r) => r.t);
    expect(times.length).toBeGreaterThan(25);
    expect(times.slice(1).every((t, i) => t - times[i]! === MIN)).toBe(true);

    const before = sampleCount(core, releaseId);
    dataFile(core.dataDir, { write: true }).prepare('DELETE FROM source_fetches WHERE release_id = ?').run(releaseId);
    await core.poller.cycle();
    expect(sampleCount(core, releaseId)).toBe(before);

    const minutes = await minuteByMinute(core, clock, 90, () => status(core, releaseId).stage_index === 1);
    expect(minutes).toBeGreaterThan(0);
    core.close();
  });
});
