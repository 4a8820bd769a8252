// The pre-flight a start runs: each check passing and failing on a real core, and the start refused
// without an override, allowed with one, and both recorded in the decision's evidence.
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { insertSamples } from '../../electron/core/metrics/store.ts';
import { SERVICE_PROFILE } from '../../electron/core/simulator/profiles.ts';
import {
  defaultPlan,
  seededRandom,
  simulateTick,
  type AppError,
  type ConnectionView,
  type Plan,
  type PlanInput,
  type Preflight,
  type PreflightCheck,
  type PreflightCheckId,
  type PreflightEvidence,
  type ReleaseDetail,
} from '../../shared/index.ts';
import { DAY_MS } from '../../shared/time.ts';
import { boundPlan } from '../support/boundPlan.ts';
import { FakeClock } from '../support/clock.ts';
import { operatorCore } from '../support/core.ts';
import { FakeMetricSource, type Traffic } from '../support/fakeMetricSource.ts';
import { tempDir } from '../support/tmp.ts';
import { webWeeklyTrain } from '../support/trains.ts';
import { dataFile } from '../support/dataFile.ts';

const operator = { actor: 'alice', role: 'operator' as const };
const REGIONS = ['eu-west', 'us-east'];
const healthy: Traffic = (version) => (version === '1.1' ? { requests: 500, errors: 5 } : { requests: 5000, errors: 50 });
/** Nothing matches the baseline's version: its series do not exist. */
const noBaseline: Traffic = (version) => (version === '1.1' ? { requests: 500, errors: 5 } : { requests: 0, errors: 0 });

const checkOf = (p: Preflight, id: PreflightCheckId): PreflightCheck => p.checks.find((c) => c.id === id)!;

async function invoke<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.invoke(method, input, operator);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}


async function boundRelease(traffic: Traffic, extraGates: Plan['stages'][number]['gates'] = []) {
  const clock = new FakeClock();
  const source = new FakeMetricSource(traffic, REGIONS);
  const core = createCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true, guard: false, sourceClient: () => source, pollEveryMs: 0, sourceGuard: { retries: 0, failuresToOpen: 1000 } });
  const connection = (await invoke<ConnectionView>(core, 'saveConnection', { name: 'prod prometheus', config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9' } })).id;
  const created = await invoke<ReleaseDetail>(core, 'createRelease', { name: 'checkout 1.1', app: 'checkout', version: '1.1', baselineVersion: '1.0', target: 'service', plan: boundPlan(connection, { extraGates }) });
  return { core, clock, source, releaseId: created.release.id };
}

async function simulatedRelease(plan: PlanInput) {
  const { core, clock, call, attempt } = operatorCore();
  const created = await call<ReleaseDetail>('createRelease', { name: 'api 1.0', app: 'api', version: '1.0', target: plan.target, plan });
  return { core, clock, call, attempt, releaseId: created.release.id };
}

/** The pre-flight kept in a start's evidence; a start without one fails the test. */
function preflightOf(detail: ReleaseDetail): PreflightEvidence {
  const preflight = detail.decisions[0]?.evidence?.preflight;
  if (!preflight) throw new Error('the start kept no pre-flight in its evidence');
  return preflight;
}

const statusOf = (core: Core, id: string): string => (dataFile(core.dataDir).prepare('SELECT status FROM releases WHERE id = ?').get(id) as { status: string }).status;
const decisionsOf = (core: Core, id: string): number => (dataFile(core.dataDir).prepare('SELECT COUNT(*) AS n FROM decisions WHERE release_id = ?').get(id) as { n: number }).n;

describe('pre-flight check 1: every gated stage has its gates', () => {
  it('passes the default service plan, whose stages before 100% all have gates', async () => {
    const { call, releaseId } = await simulatedRelease(defaultPlan('service'));
    const gates = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'gates');
    expect(gates).toMatchObject({ outcome: 'pass', finding: 'All 4 stages before full exposure have gates.', fix: null });
    expect(gates.items.at(-1)).toMatchObject({ subject: 'stage 100%', outcome: 'pass' });
  });

  it('fails a plan with an ungated stage before the last, naming that stage', async () => {
    const plan = defaultPlan('service');
    plan.stages[2] = { ...plan.stages[2]!, gates: [] };
    const { call, releaseId } = await simulatedRelease(plan);
    const gates = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'gates');
    expect(gates.outcome).toBe('fail');
    expect(gates.finding).toBe('Stage 10% has no gates: nothing stands between it and the next exposure.');
    expect(gates.fix).toMatch(/^Add gates to stage 10% in the plan editor/);
    expect(gates.items.find((i) => i.subject === 'stage 10%')).toMatchObject({ outcome: 'fail', text: 'no gates: the guard promotes it on its own to 50% with nothing judged' });
  });

  it('fails a plan whose only stage goes to 100% with no gates', async () => {
    const { call, releaseId } = await simulatedRelease({ name: 'all at once', target: 'service', stages: [{ label: 'all', exposure: 100, promotion: 'automatic' }] });
    const gates = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'gates');
    expect(gates.outcome).toBe('fail');
    expect(gates.finding).toMatch(/^The plan’s only stage has no gates: nothing watches this rollout/);
  });
});

describe('pre-flight check 2: every gate metric returns data for both cohorts now', () => {
  it('passes a bound release whose connection answers for canary and baseline', async () => {
    const { core, releaseId } = await boundRelease(healthy);
    const metrics = checkOf(await invoke<Preflight>(core, 'getPreflight', { releaseId }), 'metrics');
    expect(metrics).toMatchObject({ outcome: 'pass', finding: 'Both cohorts of every gate metric answer on Prometheus “prod prometheus” now.', fix: null });
    expect(metrics.items).toEqual([{ subject: 'error_rate', outcome: 'pass', text: 'Error rate: both cohorts answer: 2 segments' }]);
    core.close();
  });

  it('fails when the baseline cohort comes back empty, with the preview’s “has no metrics” message', async () => {
    const { core, releaseId } = await boundRelease(noBaseline);
    const metrics = checkOf(await invoke<Preflight>(core, 'getPreflight', { releaseId }), 'metrics');
    expect(metrics.outcome).toBe('fail');
    expect(metrics.finding).toBe('Error rate: the baseline has no metrics: nothing matched version="1.0" — check the baseline selector, and that the baseline is deployed and scraped.');
    expect(metrics.fix).toMatch(/^Fix the cohort selector in the plan’s metric mapping/);
    core.close();
  });

  it('fails when a gate reads a metric the mapping has no query for', async () => {
    const latency = { id: 'latency', kind: 'relative' as const, metric: 'p95_latency_ms' as const, op: 'lte' as const, factor: 1.1, segments: [], minSamples: 50 };
    const { core, releaseId } = await boundRelease(healthy, [latency]);
    const metrics = checkOf(await invoke<Preflight>(core, 'getPreflight', { releaseId }), 'metrics');
    expect(metrics.outcome).toBe('fail');
    expect(metrics.items.find((i) => i.subject === 'p95_latency_ms')).toMatchObject({ outcome: 'fail', text: expect.stringContaining('the metric mapping has no query for it') });
    expect(metrics.items.find((i) => i.subject === 'error_rate')?.outcome).toBe('pass');
    expect(metrics.fix).toContain('Map p95 latency in the plan’s metrics');
    core.close();
  });

  it('fails when the connection is down, saying what it answered', async () => {
    const { core, source, releaseId } = await boundRelease(healthy);
    source.down = true;
    const metrics = checkOf(await invoke<Preflight>(core, 'getPreflight', { releaseId }), 'metrics');
    expect(metrics.outcome).toBe('fail');
    expect(metrics.finding).toContain('refused the connection');
    expect(metrics.fix).toMatch(/Settings ▸ Connections, Test connection/);
    core.close();
  });

  it('warns, without refusing, that a simulated release’s data is simulated', async () => {
    const { call, releaseId } = await simulatedRelease(defaultPlan('service'));
    const metrics = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'metrics');
    expect(metrics.outcome).toBe('warn');
    expect(metrics.finding).toBe('This release’s data is simulated: its gates will judge the built-in simulator’s numbers, not your users’.');
    expect(metrics.items.map((i) => i.subject)).toEqual(['error_rate', 'p95_latency_ms', 'kpi_conversion']);
  });

  it('fails a pushed release that has canary samples but no baseline ones, and passes once both arrive', async () => {
    const plan: PlanInput = { name: 'pushed', target: 'service', stages: [{ label: '10%', exposure: 10, minSoak: '1h', gates: [{ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25 }] }, { label: 'all', exposure: 100 }] };
    const { call, clock, releaseId } = await simulatedRelease(plan);
    const row = (cohort: string, t: number) => ({ releaseId, cohort, metric: 'error_rate', region: 'eu-west', t, value: 1, weight: 100 });
    await call('ingestSamples', { samples: [row('canary', clock.t - 60_000)] });
    const before = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'metrics');
    expect(before).toMatchObject({ outcome: 'fail', finding: 'Error rate: no baseline samples pushed in the last 1 h: the guard would see no data.' });
    await call('ingestSamples', { samples: [row('baseline', clock.t - 60_000)] });
    expect(checkOf(await call<Preflight>('getPreflight', { releaseId }), 'metrics').outcome).toBe('pass');
  });
});

describe('pre-flight check 3: each stage can reach its minimum evidence within its soak', () => {
  it('warns while the traffic is unknown', async () => {
    const { call, releaseId } = await simulatedRelease(defaultPlan('service'));
    const evidence = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'evidence');
    expect(evidence.outcome).toBe('warn');
    expect(evidence.finding).toBe('Traffic is unknown (no samples of this release in the last hour), so whether the stages can decide within their soak cannot be said yet.');
  });

  it('fails a stage that cannot decide within its soak at the traffic seen, with the time it needs, and passes with a soak long enough', async () => {
    const short = await simulatedRelease(defaultPlan('service'));
    // 30 min of the stable version before the start, as the readiness test feeds it.
    const feed = (s: typeof short) => {
      const random = seededRandom(3);
      for (let t = s.clock.t; t < s.clock.t + 30 * 60_000; t += 10_000) {
        insertSamples(dataFile(s.core.dataDir, { write: true }), simulateTick({ releaseId: s.releaseId, profile: SERVICE_PROFILE, t, exposurePct: 0, random }).filter((x) => x.cohort === 'baseline'));
      }
      s.clock.advance(30 * 60_000);
    };
    feed(short);
    const failing = checkOf(await short.call<Preflight>('getPreflight', { releaseId: short.releaseId }), 'evidence');
    expect(failing.outcome).toBe('fail');
    // At 0 % the internal stage needs hours, far beyond its 15 min soak, and the fix asks for that same time.
    const needs = /^Stage internal \(0%\) needs ≈ ([\d.]+) h to decide at 0% but soaks 15 min/.exec(failing.finding);
    expect(needs).not.toBeNull();
    expect(Number(needs![1])).toBeGreaterThanOrEqual(1);
    const fix = `Lengthen the soak of stage internal (0%) to at least ${needs![1]!} h, or raise its exposure`;
    expect(failing.fix?.slice(0, fix.length)).toBe(fix);
    expect(failing.items.find((i) => i.subject === 'stage 50%')).toMatchObject({ outcome: 'pass', text: expect.stringMatching(/^decides in .+ of its 15 min soak$/) });

    const plan = defaultPlan('service');
    const long = await simulatedRelease({ ...plan, stages: plan.stages.map((s) => ({ ...s, minSoak: s.exposure === 100 ? 0 : '60d' })) });
    feed(long);
    const passing = checkOf(await long.call<Preflight>('getPreflight', { releaseId: long.releaseId }), 'evidence');
    expect(passing.outcome).toBe('pass');
    expect(passing.finding).toBe('Every gated stage can decide within its soak at the traffic of this release’s samples over the last 30 min.');
  });
});

describe('pre-flight check 4: someone is named to watch the rollout', () => {
  it('fails a release not cut from a train when no one is named, and passes naming who the start names', async () => {
    const { call, releaseId } = await simulatedRelease(defaultPlan('service'));
    const nobody = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'monitor');
    expect(nobody).toMatchObject({ outcome: 'fail', finding: 'No one is named to watch this rollout: it was not cut from a train, so no monitoring rotation covers it.' });
    expect(nobody.fix).toMatch(/^Name who watches this rollout when you start it/);
    const named = checkOf(await call<Preflight>('getPreflight', { releaseId, monitor: 'Dana (SRE)' }), 'monitor');
    // The default service plan soaks 15 min in each of its four stages before 100%: done within the day.
    expect(named).toMatchObject({ outcome: 'pass', finding: 'Dana (SRE) is named to watch this rollout (2026-11-20).' });
    expect(named.items).toEqual([{ subject: 'Dana (SRE)', outcome: 'pass', text: 'named at the start to watch it, 2026-11-20' }]);
  });

  it('passes a release cut from a train, naming the rotation’s monitor for its run, and warns when the rollout outlasts the run', async () => {
    const { call, clock } = operatorCore();
    const kickoff = clock.t - DAY_MS;
    await call('saveTrain', webWeeklyTrain(kickoff));
    const cut = await call<ReleaseDetail>('cutRelease', { trainId: 'web-weekly', version: '3.1.0' });
    const monitor = checkOf(await call<Preflight>('getPreflight', { releaseId: cut.release.id }), 'monitor');
    expect(monitor.outcome).toBe('pass');
    expect(monitor.finding).toBe('ana watches this rollout: the Web weekly rotation names them for Web weekly #1 (2026-11-19 – 2026-12-02).');

    const slow = { ...webWeeklyTrain(kickoff), baseVersion: 1, plan: { ...defaultPlan('service'), stages: defaultPlan('service').stages.map((s) => ({ ...s, minSoak: s.exposure === 100 ? 0 : '5d' })) } };
    await call('saveTrain', slow);
    const late = await call<ReleaseDetail>('cutRelease', { trainId: 'web-weekly', version: '3.2.0' });
    const warned = checkOf(await call<Preflight>('getPreflight', { releaseId: late.release.id }), 'monitor');
    expect(warned.outcome).toBe('warn');
    expect(warned.finding).toBe('ana watches Web weekly #1 until 2026-12-02, but this rollout is planned to run until 2026-12-10, when the rotation names no one for it.');
  });
});

describe('pre-flight check 5: every stage has a failure action the target allows', () => {
  it('passes the App Store’s default plan (pause) and fails a stage that plans to roll back, which the App Store cannot', async () => {
    const ok = await simulatedRelease(defaultPlan('app_store'));
    expect(checkOf(await ok.call<Preflight>('getPreflight', { releaseId: ok.releaseId }), 'failure_actions')).toMatchObject({
      outcome: 'pass',
      finding: 'Every stage stops on failure with an action an App Store phased release can take (pause).',
    });

    const plan = defaultPlan('app_store');
    plan.stages[1] = { ...plan.stages[1]!, onFailure: 'rollback' };
    const bad = await simulatedRelease(plan);
    const failing = checkOf(await bad.call<Preflight>('getPreflight', { releaseId: bad.releaseId }), 'failure_actions');
    expect(failing.outcome).toBe('fail');
    expect(failing.finding).toBe('Stage day 2 (2%) plans to roll back on failure, which an App Store phased release cannot do.');
    expect(failing.fix).toBe('Set onFailure: pause for stage day 2 (2%) — the stop an App Store phased release has — and keep a fixed build ready to ship as a new version.');
  });
});

describe('pre-flight check 6: flags shipped dark, with their fallback', () => {
  it('passes with none, lists a dark flag with its fallback and cleanup, and warns when one has no cleanup plan', async () => {
    const { call, releaseId } = await simulatedRelease(defaultPlan('service'));
    expect(checkOf(await call<Preflight>('getPreflight', { releaseId }), 'dark_flags')).toMatchObject({ outcome: 'pass', items: [] });

    await call('saveFlag', { key: 'checkout.new-sheet', description: 'New payment sheet', owner: 'payments', type: 'release', cleanup: 'Remove the old sheet after 100%', linkedReleases: [releaseId] });
    await call('saveFlag', { key: 'checkout.live', description: 'Already live', owner: 'payments', type: 'release', linkedReleases: [releaseId] });
    await call('setFlagState', { key: 'checkout.live', environment: 'production', state: { mode: 'on' }, reason: 'launched last week' });
    const listed = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'dark_flags');
    expect(listed.outcome).toBe('info');
    expect(listed.finding).toBe('One flag ships dark with this release (checkout.new-sheet): off is its fallback.');
    expect(listed.items).toEqual([
      {
        subject: 'checkout.new-sheet',
        outcome: 'info',
        text: 'release flag owned by payments: off in production, so users keep today’s behaviour without “New payment sheet” until it is turned on, and fall back to it when it is turned off; cleanup: Remove the old sheet after 100%',
      },
    ]);

    await call('saveFlag', { key: 'checkout.no-plan', description: 'Faster totals', owner: 'payments', type: 'experiment', linkedReleases: [releaseId] });
    const warned = checkOf(await call<Preflight>('getPreflight', { releaseId }), 'dark_flags');
    expect(warned.outcome).toBe('warn');
    expect(warned.fix).toBe('Give checkout.no-plan a cleanup plan (Flags ▸ Edit).');
  });
});

describe('starting a release runs the pre-flight', () => {
  it('refuses a start with a failed check, naming the checks, and writes nothing', async () => {
    const { core, attempt, releaseId } = await simulatedRelease(defaultPlan('service'));
    const refused = await attempt('decide', { releaseId, action: 'start', reason: 'go live' });
    expect(refused.ok).toBe(false);
    const error = (refused as { error: AppError }).error;
    expect(error.code).toBe('preflight_failed');
    expect(error.allowed).toEqual(['monitor']);
    expect(error.message).toMatch(/^The pre-flight failed a check — someone is named to watch the rollout: No one is named/);
    expect(error.preflight?.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['gates', 'pass'],
      ['metrics', 'warn'],
      ['evidence', 'warn'],
      ['monitor', 'fail'],
      ['failure_actions', 'pass'],
      ['dark_flags', 'pass'],
    ]);
    expect(statusOf(core, releaseId)).toBe('planned');
    expect(decisionsOf(core, releaseId)).toBe(0);
  });

  it('starts with an override reason, and keeps the checks, the reason and who gave it in the decision’s evidence', async () => {
    const { core, call, releaseId } = await simulatedRelease(defaultPlan('service'));
    const started = await call<ReleaseDetail>('decide', { releaseId, action: 'start', reason: 'go live', preflightOverride: { reason: 'on-call is Dana, named in the incident channel' } });
    expect(started.release.status).toBe('rolling');
    const evidence = preflightOf(started);
    expect(evidence.override).toEqual({ reason: 'on-call is Dana, named in the incident channel', actor: 'alice' });
    expect(evidence.overridden).toEqual(['monitor']);
    expect(evidence.outcome).toBe('fail');
    expect(evidence.checks.find((c) => c.id === 'monitor')?.outcome).toBe('fail');
    const event = dataFile(core.dataDir).prepare("SELECT payload FROM events WHERE kind = 'decision.recorded' AND subject = ?").get(releaseId) as { payload: string };
    expect(JSON.parse(event.payload).preflight).toEqual({ outcome: 'fail', monitor: null, overridden: ['monitor'], overrideReason: 'on-call is Dana, named in the incident channel' });
  });

  it('records a passed pre-flight too, with who was named to watch and no override', async () => {
    const { call, releaseId } = await simulatedRelease(defaultPlan('service'));
    const started = await call<ReleaseDetail>('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'Dana' });
    const evidence = preflightOf(started);
    expect(evidence).toMatchObject({ v: 1, releaseId, outcome: 'warn', monitor: 'Dana', overridden: [], override: null });
    expect(evidence.checks).toHaveLength(6);
  });

  it('starts a bound release whose connection answers for both cohorts, and refuses one whose baseline is empty', async () => {
    const good = await boundRelease(healthy);
    const started = await good.core.invoke('decide', { releaseId: good.releaseId, action: 'start', reason: 'go live', monitor: 'Dana' }, operator);
    expect(started.ok).toBe(true);
    expect(statusOf(good.core, good.releaseId)).toBe('rolling');
    good.core.close();

    const bad = await boundRelease(noBaseline);
    const refused = await bad.core.invoke('decide', { releaseId: bad.releaseId, action: 'start', reason: 'go live', monitor: 'Dana' }, operator);
    expect(refused).toMatchObject({ ok: false, error: { code: 'preflight_failed', allowed: ['metrics'] } });
    expect(statusOf(bad.core, bad.releaseId)).toBe('planned');
    bad.core.close();
  });

  it('answers a start of a release already rolling with illegal_action, not with a pre-flight', async () => {
    const { call, attempt, releaseId } = await simulatedRelease(defaultPlan('service'));
    await call('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'Dana' });
    expect(await attempt('decide', { releaseId, action: 'start', reason: 'again', monitor: 'Dana' })).toMatchObject({ ok: false, error: { code: 'illegal_action' } });
  });

  it('takes an override and a monitor only with a start, and an override reason of at least 3 characters', async () => {
    const { attempt, releaseId } = await simulatedRelease(defaultPlan('service'));
    expect(await attempt('decide', { releaseId, action: 'pause', reason: 'nope', preflightOverride: { reason: 'because' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'preflightOverride' }] },
    });
    expect(await attempt('decide', { releaseId, action: 'pause', reason: 'nope', monitor: 'Dana' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'monitor' }] } });
    expect(await attempt('decide', { releaseId, action: 'start', reason: 'go live', preflightOverride: { reason: ' x ' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'preflightOverride.reason' }] },
    });
  });

  it('is run for operators only: a viewer is refused before any query', async () => {
    const { core, releaseId } = await simulatedRelease(defaultPlan('service'));
    expect(await core.invoke('getPreflight', { releaseId }, { actor: 'wall', role: 'viewer' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
