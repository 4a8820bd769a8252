import { describe, expect, it } from 'vitest';
import { defaultPlan, planToYaml, type Flag, type PlanView, type ReleaseDetail, type TimelineEntry, type TrainView } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

const DAY = 24 * 60 * 60 * 1000;

const setup = async () => operatorCore();

const trainInput = (firstKickoff: number) => ({
  id: 'ios-weekly',
  name: 'iOS weekly',
  app: 'Shopper (iOS)',
  target: 'app_store',
  cadenceDays: 7,
  firstKickoff,
  rotation: ['ana', 'bo'],
  plan: defaultPlan('app_store'),
});

describe('trains', () => {
  it('lay out the current and next run, mark the current phase, and flag an overdue one', async () => {
    const { call, clock } = await setup();
    const kickoff = clock.t - 3.5 * DAY;
    const view = await call<TrainView>('saveTrain', trainInput(kickoff));
    expect(view.current.run).toBe(0);
    expect(view.next.kickoffAt).toBe(kickoff + 7 * DAY);
    expect(view.current.monitor).toBe('ana');
    expect(view.next.monitor).toBe('bo');
    const states = Object.fromEntries(view.current.phases.map((p) => [p.phase, p.state]));
    expect(states).toMatchObject({ feature_cutoff: 'done', stabilization: 'done', validation: 'current', submission: 'upcoming' });
    expect(view.current.phases.filter((p) => p.overdue).map((p) => p.phase)).toEqual(['feature_cutoff', 'stabilization']);

    for (const item of ['Release branch cut', 'Release notes drafted']) {
      await call('checkTrainItem', { trainId: 'ios-weekly', run: 0, phase: 'feature_cutoff', item, checked: true });
    }
    const after = await call<TrainView>('checkTrainItem', { trainId: 'ios-weekly', run: 0, phase: 'stabilization', item: 'Blocking bugs triaged', checked: true });
    expect(after.current.phases.filter((p) => p.overdue)).toEqual([]);
    expect(after.current.phases[0]!.checklist[0]).toMatchObject({ checked: true, by: 'alice' });
  });

  it('refuse to tick an item that is not on the checklist', async () => {
    const { call, attempt, clock } = await setup();
    await call('saveTrain', trainInput(clock.t));
    const r = await attempt('checkTrainItem', { trainId: 'ios-weekly', run: 0, phase: 'validation', item: 'Bribe the reviewer', checked: true });
    expect(r.ok).toBe(false);
  });

  it("cut a release with the train's plan, shown on the train's run and timeline", async () => {
    const { call, clock } = await setup();
    await call('saveTrain', trainInput(clock.t - DAY));
    const cut = await call<ReleaseDetail>('cutRelease', { trainId: 'ios-weekly', version: '7.1.0' });
    expect(cut.release).toMatchObject({ status: 'planned', target: 'app_store', trainId: 'ios-weekly', trainRun: 0, version: '7.1.0' });
    expect(cut.stages.map((s) => s.exposurePct)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(cut.undo).toMatch(/cannot roll back/);
    expect(cut.pauseBudgetLeftMs).toBe(30 * DAY);
    const [train] = await call<TrainView[]>('listTrains', {});
    expect(train!.current.releaseIds).toEqual([cut.release.id]);
    const timeline = await call<TimelineEntry[]>('getTimeline', { trainId: 'ios-weekly' });
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['train.created', 'train.phase', 'release.created']));
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort((a, b) => a - b));
    expect(timeline.some((e) => e.kind === 'train.phase' && e.planned)).toBe(true);
  });

  it('refuse a version that is not one, and a version the train has cut already, naming the field', async () => {
    const { call, attempt, clock } = await setup();
    await call('saveTrain', trainInput(clock.t - DAY));
    for (const version of ['-1', 'latest', '4..3', '4.3.0 beta']) {
      const bad = await attempt('cutRelease', { trainId: 'ios-weekly', version });
      expect(bad.ok || bad.error.issues).toEqual([{ path: 'version', message: 'a version is numbers with dots, like 4.3.0 or 2026.11.3, and may end in -rc.1 or +build.7' }]);
    }
    const cut = await call<ReleaseDetail>('cutRelease', { trainId: 'ios-weekly', version: '7.1.0-rc.1' });
    expect(cut.release.version).toBe('7.1.0-rc.1');
    const twice = await attempt('cutRelease', { trainId: 'ios-weekly', version: '7.1.0-rc.1' });
    expect(twice.ok).toBe(false);
    if (!twice.ok) {
      expect(twice.error.code).toBe('conflict');
      expect(twice.error.issues).toEqual([{ path: 'version', message: `7.1.0-rc.1 was cut already, as ${cut.release.name}` }]);
    }
    const [train] = await call<TrainView[]>('listTrains', {});
    expect(train!.current.releaseIds).toEqual([cut.release.id]);
  });
});

describe('flags', () => {
  it('are created dark everywhere, ramp separately from the release, and every change is an event on its timeline', async () => {
    const { call, clock } = await setup();
    const release = await call<ReleaseDetail>('createRelease', { name: 'api', app: 'api', version: '1.0', target: 'service' });
    const flag = await call<Flag>('saveFlag', { key: 'new-checkout', description: 'New checkout', owner: 'payments', type: 'release', linkedReleases: [release.release.id] });
    expect(Object.values(flag.states).map((s) => s.mode)).toEqual(['off', 'off', 'off']);
    clock.advance(1000);
    const ramped = await call<Flag>('setFlagState', { key: 'new-checkout', environment: 'production', state: { mode: 'percentage', pct: 25 }, reason: 'first ramp' });
    expect(ramped.states.production).toEqual({ mode: 'percentage', pct: 25 });
    const timeline = await call<TimelineEntry[]>('getTimeline', { releaseId: release.release.id });
    expect(timeline.find((e) => e.kind === 'flag.state_changed')).toMatchObject({
      actor: 'alice',
      flag: 'new-checkout',
      environment: 'production',
      from: { mode: 'off' },
      to: { mode: 'percentage', pct: 25 },
      reason: 'first ramp',
    });
  });

  it('stand out when expired or stale, and expire relative to a train milestone', async () => {
    const { call, clock } = await setup();
    await call('saveTrain', trainInput(clock.t - DAY));
    await call('saveFlag', { key: 'old-banner', description: 'Promo', owner: 'growth', type: 'release', expiry: { kind: 'date', at: clock.t + DAY } });
    await call('saveFlag', { key: 'two-after', description: 'x', owner: 'o', type: 'release', expiry: { kind: 'train', trainId: 'ios-weekly', trainsAfterFull: 2 } });
    await call('saveFlag', { key: 'kill', description: 'Kill switch', owner: 'sre', type: 'kill_switch' });
    clock.advance(40 * DAY);
    const flags = Object.fromEntries((await call<Flag[]>('listFlags', {})).map((f) => [f.key, f]));
    expect(flags['old-banner']).toMatchObject({ expired: true, stale: true });
    expect(flags.kill).toMatchObject({ expired: false, stale: false, expiresAt: null });
    // Full release is day 12 of the run that kicked off a day before the flag was made; plus two weekly trains.
    expect(flags['two-after']!.expiresAt).toBe(clock.t - 40 * DAY - DAY + 12 * DAY + 14 * DAY);
  });
});

describe('plans', () => {
  it('import from YAML replacing the stages not started, and refuse a bad file whole, naming the line', async () => {
    const { call, attempt } = await setup();
    const release = await call<ReleaseDetail>('createRelease', { name: 'api', app: 'api', version: '1.0', target: 'service' });
    const id = release.release.id;
    const before = await call<PlanView>('getPlan', { releaseId: id });
    const bad = before.yaml.replace('factor: 1.1', 'factor: -1');
    const refused = await attempt('updatePlan', { releaseId: id, yaml: bad });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid_input');
      expect(refused.error.message).toMatch(/^line \d+, stages\.0\.gates\.1\.factor/);
    }
    expect((await call<PlanView>('getPlan', { releaseId: id })).yaml).toBe(before.yaml);

    const edited = { ...before.plan, name: 'Faster canary', stages: before.plan.stages.filter((s) => s.exposure !== 50) };
    const after = await call<PlanView>('updatePlan', { releaseId: id, yaml: planToYaml(edited) });
    expect(after.plan.name).toBe('Faster canary');
    expect(after.plan.stages.map((s) => s.exposure)).toEqual([0, 1, 10, 100]);
  });

  it('keep started stages as history', async () => {
    const { call, attempt } = await setup();
    const release = await call<ReleaseDetail>('createRelease', { name: 'api', app: 'api', version: '1.0', target: 'service' });
    const id = release.release.id;
    await call('decide', { releaseId: id, action: 'start', reason: 'go live', monitor: 'dana' });
    const view = await call<PlanView>('getPlan', { releaseId: id });
    expect(view.editableFrom).toBe(1);
    const rewritten = { ...view.plan, stages: [{ ...view.plan.stages[0]!, label: 'warm-up' }, ...view.plan.stages.slice(1)] };
    const r = await attempt('updatePlan', { releaseId: id, plan: rewritten });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/has started and cannot change/);
    // Its judge options are the rollout's promise: loosening α mid-way is refused; the plan as it stands is taken.
    const looser = await attempt('updatePlan', { releaseId: id, plan: { ...view.plan, judge: { ...view.plan.judge!, alpha: 0.2 } } });
    expect(looser.ok).toBe(false);
    if (!looser.ok) expect(looser.error.issues).toEqual([{ path: 'judge', message: 'fixed once the rollout has started' }]);
    const kept = await call<PlanView>('updatePlan', { releaseId: id, plan: { ...view.plan, name: 'api canary' } });
    expect(kept.plan.name).toBe('api canary');
    expect(kept.plan.judge?.alpha).toBe(0.01);
  });
});
