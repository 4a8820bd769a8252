// The guard on a real Prometheus: recorded canary and baseline counters in three regions are loaded with
// promtool, Prometheus serves them over its HTTP API, and a release bound to it is halted naming the
// region that regressed, or promoted when healthy — through the real client, poller and guard. The
// process is stopped mid-stage to show stale data never promotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { listDecisions } from '../../electron/core/repos/decisions.ts';
import type { ConnectionView, GateStatus, Plan, ReleaseDetail } from '../../shared/index.ts';
import { boundPlan } from '../support/boundPlan.ts';
import { FakeClock } from '../support/clock.ts';
import { cumulative, type CounterFamily } from '../support/openMetrics.ts';
import { BACKFILL_AGE_MS, startPrometheus, type PrometheusHarness } from '../support/prometheus.ts';
import { tempDir } from '../support/tmp.ts';
import { dataFile } from '../support/dataFile.ts';

const operator = { actor: 'alice', role: 'operator' as const };
const MIN = 60_000;
const STEP = 15_000;
const HOURS = 3;
const REGIONS = ['eu-west', 'us-east', 'ap-south'];
const CANARY = '2.0.0';
const BASELINE = '1.9.4';
/** Minute-aligned, all of it older than Prometheus' head block. */
const base = Math.floor((Date.now() - BACKFILL_AGE_MS - (HOURS + 1) * 3_600_000) / MIN) * MIN;
const steps = (HOURS * 60 * MIN) / STEP;

/** Per 15 s: the baseline serves 1,250 requests a region, the canary 125; 1 % of them fail, or 5 % where the canary regresses. */
function counters(app: string, regressIn: string | null): CounterFamily['series'] {
  return [CANARY, BASELINE].flatMap((version) =>
    REGIONS.flatMap((region) => {
      const canary = version === CANARY;
      const total = canary ? 125 : 1250;
      const badPerMinute = canary ? (region === regressIn ? 25 : 5) : 50;
      // Errors spread over the minute's four scrapes as evenly as integers allow.
      const errors = Array.from({ length: steps }, (_, i) => Math.floor(((i % 4) + 1) * (badPerMinute / 4)) - Math.floor((i % 4) * (badPerMinute / 4)));
      const ok = errors.map((e) => total - e);
      return [
        { labels: { app, version, region, code: '200' }, points: cumulative(base, STEP, ok) },
        { labels: { app, version, region, code: '503' }, points: cumulative(base, STEP, errors) },
      ];
    }),
  );
}

let prom: PrometheusHarness;
beforeAll(async () => {
  prom = await startPrometheus({ families: [{ type: 'counter', name: 'http_requests', help: 'Requests by code', series: [...counters('checkout', 'eu-west'), ...counters('search', null)] }] });
}, 60_000);
afterAll(async () => prom?.dispose());

function planFor(app: string, connection: string): Plan {
  const selector = `app="${app}",$cohort`;
  return boundPlan(connection, {
    name: `${app} canary`,
    onFailure: 'halt',
    queries: {
      error_rate: {
        events: `sum by ($segmentLabels) (increase(http_requests_total{${selector},code=~"5.."}[$interval]))`,
        trials: `sum by ($segmentLabels) (increase(http_requests_total{${selector}}[$interval]))`,
      },
    },
  });
}

async function setup(app: string): Promise<{ core: Core; clock: FakeClock; releaseId: string }> {
  const clock = new FakeClock(base + 2 * MIN);
  // Short retries and a breaker that half-opens quickly: the outage below is real, its wait need not be.
  const core = createCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true, pollEveryMs: 0, sourceGuard: { retries: 1, initialDelayMs: 5, maxDelayMs: 10, failuresToOpen: 3, halfOpenAfterMs: 30 } });
  const saved = await core.invoke('saveConnection', { name: 'local prometheus', config: { kind: 'prometheus', baseUrl: prom.url } }, operator);
  if (!saved.ok) throw new Error(saved.error.message);
  const connection = (saved.value as ConnectionView).id;
  const tested = await core.invoke('testConnection', { id: connection }, operator);
  expect(tested).toMatchObject({ ok: true, value: { ok: true, detail: expect.stringMatching(/^Prometheus \d/) } });
  const created = await core.invoke('createRelease', { name: `${app} ${CANARY}`, app, version: CANARY, baselineVersion: BASELINE, target: 'service', plan: planFor(app, connection) }, operator);
  if (!created.ok) throw new Error(created.error.message);
  const releaseId = (created.value as ReleaseDetail).release.id;
  const started = await core.invoke('decide', { releaseId, action: 'start', reason: 'canary on prometheus', monitor: 'Priya (on call)' }, operator);
  if (!started.ok) throw new Error(started.error.message);
  return { core, clock, releaseId };
}

const row = (core: Core, id: string): { status: string; stage_index: number } => dataFile(core.dataDir).prepare('SELECT status, stage_index FROM releases WHERE id = ?').get(id) as { status: string; stage_index: number };

async function minutes(core: Core, clock: FakeClock, n: number, until: () => boolean = () => false): Promise<number> {
  for (let i = 1; i <= n; i += 1) {
    clock.advance(MIN);
    await core.poller.cycle();
    if (until()) return i;
  }
  return -1;
}

describe('the guard on a real Prometheus', () => {
  it('halts a release whose canary regresses in one region, naming the region, on Prometheus data', async () => {
    const { core, clock, releaseId } = await setup('checkout');
    const took = await minutes(core, clock, 90, () => row(core, releaseId).status !== 'rolling');
    expect(took).toBeGreaterThan(0);
    expect(row(core, releaseId).status).toBe('halted');
    const [decision] = listDecisions(dataFile(core.dataDir), { releaseId, actor: 'guard', limit: 1 });
    expect(decision?.reason).toMatch(/eu-west/);
    expect(decision?.evidence?.source).toMatchObject({ kind: 'prometheus', connectionName: 'local prometheus' });
    core.close();
  }, 60_000);

  it('promotes a healthy canary, but not while Prometheus is down: stale data counts as no data until the gap is backfilled', async () => {
    const { core, clock, releaseId } = await setup('search');
    await minutes(core, clock, 3);
    await prom.stop();
    await minutes(core, clock, 15);
    expect(row(core, releaseId)).toEqual({ status: 'rolling', stage_index: 0 });
    const gates = await core.invoke('getGateStatus', { releaseId }, operator);
    const status = (gates.ok ? gates.value : null) as GateStatus;
    expect(status.results[0]!.stale?.why).toMatch(/^Prometheus unreachable for 1[0-9] min; last sample \d\d:\d\d UTC$/);
    expect(status.next.why).toMatch(/not promoting on stale data/);

    await prom.restart();
    const took = await minutes(core, clock, 120, () => row(core, releaseId).stage_index === 1);
    expect(took).toBeGreaterThan(0);
    const [decision] = listDecisions(dataFile(core.dataDir), { releaseId, actor: 'guard', limit: 1 });
    expect(decision?.action).toBe('promote');
    expect(decision?.evidence?.source).toMatchObject({ kind: 'prometheus', stale: false });
    core.close();
  }, 90_000);
});
