// Which client calls a push or a write costs: counted, with the bound each test states.
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract.ts';
import type { ReleaseDetail } from '../../shared/domain/release.ts';
import { fakeClient, type FakeClient } from './fakeClient.ts';
import { decision, detail, fault, gateStatus, listItem, planView, readiness } from './fixtures.ts';
import { screen } from './screen.ts';

const READS: MethodName[] = ['getRelease', 'listReleases', 'getGateStatus', 'getPlan', 'getPlanReadiness', 'listFaults', 'getTimeline', 'listTrains', 'listDecisions', 'getMetricSeries', 'getSegmentSeries', 'getSegmentKeys'];

function answering(fake: FakeClient = fakeClient()) {
  fake.answers.listReleases = () => [listItem('a'), listItem('b')];
  fake.answers.getRelease = ({ releaseId }) => detail(releaseId);
  fake.answers.getGateStatus = ({ releaseId }) => gateStatus(releaseId, 1);
  fake.answers.getPlan = ({ releaseId }) => planView(releaseId);
  fake.answers.getPlanReadiness = ({ releaseId }) => readiness(releaseId);
  fake.answers.listFaults = ({ releaseId }) => [fault('f1', releaseId, 0)];
  fake.answers.getTimeline = () => [];
  fake.answers.listTrains = () => [];
  fake.answers.listDecisions = () => [];
  fake.answers.getMetricSeries = () => [];
  fake.answers.getSegmentSeries = () => [];
  fake.answers.getSegmentKeys = () => ({ recorded: [], simulated: { region: [], device: [], tenant: [] } });
  return fake;
}

/** Release a's page as the app shows it, with the releases list and the whole decision log cached. */
async function releasePage(fake: FakeClient) {
  const app = screen(fake);
  const { reads, show } = app;
  const shown = {
    detail: show(reads.release('a')),
    gates: show(reads.gates('a')),
    plan: show(reads.plan('a')),
    readiness: show(reads.readiness('a')),
    faults: show(reads.faults('a')),
    timeline: show(reads.timeline({ releaseId: 'a' })),
    metrics: show(reads.metrics('a')),
    segments: show(reads.segments({ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'region' })),
    segmentKeys: show(reads.segmentKeys('a')),
    list: show(reads.releases()),
    log: show(reads.decisionLog({})),
  };
  await app.idle();
  fake.calls.length = 0;
  // Each new answer for the release's detail, as the screen would draw it.
  const drawn: ReleaseDetail[] = [];
  shown.detail.subscribe((r) => {
    if (r.data && r.data !== drawn.at(-1)) drawn.push(r.data);
  });
  return { ...app, shown, drawn };
}

const readCounts = (fake: FakeClient) => Object.fromEntries(READS.map((m) => [m, fake.count(m)]));

/** After a decision on a: the views its answer does not bring (gates, plan, readiness, timeline), once each; nothing else. */
const AFTER_A_DECISION = { getRelease: 0, listReleases: 0, getGateStatus: 1, getPlan: 1, getPlanReadiness: 1, listFaults: 0, getTimeline: 1, listTrains: 0, listDecisions: 0, getMetricSeries: 0, getSegmentSeries: 0, getSegmentKeys: 0 };

describe('a decision on screen', () => {
  it('answered first, then pushed: shown once, from its answer, and the push fetches only what the answer does not bring', async () => {
    const fake = answering();
    const page = await releasePage(fake);
    const d1 = decision('d1', 'a', 5);
    fake.answers.decide = () => detail('a', 'paused', [d1]);

    const result = await page.writes.decide('a', 'pause', 'because');
    expect(result.ok).toBe(true);
    fake.push({ type: 'decision.recorded', decision: d1 });
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await page.idle();

    expect(readCounts(fake)).toEqual(AFTER_A_DECISION);
    expect(page.drawn.map((d) => d.release.status)).toEqual(['paused']);
    expect(page.shown.detail.getCurrentResult().data?.decisions.map((d) => d.id)).toEqual(['d1']);
    expect(page.shown.list.getCurrentResult().data?.map((r) => r.status)).toEqual(['paused', 'rolling']);
    expect(page.shown.log.getCurrentResult().data?.map((d) => d.id)).toEqual(['d1']);
  });

  it('pushed while its answer is on the way: the push puts the decision in, the answer the rest, and the detail is not fetched', async () => {
    const fake = answering();
    const page = await releasePage(fake);
    const d1 = decision('d1', 'a', 5);
    let answer: () => void = () => {};
    fake.raw.decide = () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: detail('a', 'paused', [d1]) })));

    const deciding = page.writes.decide('a', 'pause', 'because');
    fake.push({ type: 'decision.recorded', decision: d1 });
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await page.idle();
    expect(page.queryClient.isMutating()).toBe(1);
    answer();
    expect((await deciding).ok).toBe(true);
    await page.idle();

    expect(readCounts(fake)).toEqual(AFTER_A_DECISION);
    expect(page.drawn.map((d) => [d.release.status, d.decisions.map((x) => x.id)])).toEqual([
      ['rolling', ['d1']],
      ['paused', ['d1']],
    ]);
    expect(page.shown.log.getCurrentResult().data?.map((d) => d.id)).toEqual(['d1']);
  });

  it('overtaken while its answer is on the way (the guard asks for approval right after it): the release is fetched once the answer is in, and the screen shows the later change', async () => {
    const fake = answering();
    const page = await releasePage(fake);
    const d1 = decision('d1', 'a', 5, { action: 'resume', fromStatus: 'paused', toStatus: 'rolling' });
    let answer: () => void = () => {};
    fake.raw.decide = () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: detail('a', 'rolling', [d1]) })));
    fake.answers.getRelease = () => detail('a', 'rolling', [d1], { approvalRequestedAt: 9 });
    fake.answers.listReleases = () => [listItem('a', { approvalRequestedAt: 9 }), listItem('b')];

    const deciding = page.writes.decide('a', 'resume', 'watching it');
    fake.push({ type: 'decision.recorded', decision: d1 });
    fake.push({ type: 'release.changed', releaseId: 'a' });
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await page.idle();
    answer();
    expect((await deciding).ok).toBe(true);
    await page.idle();

    expect(fake.count('getRelease')).toBe(1);
    expect(page.drawn.at(-1)?.release.approvalRequestedAt).toBe(9);
    expect(page.shown.list.getCurrentResult().data?.find((r) => r.id === 'a')?.approvalRequestedAt).toBe(9);
  });

  it('made by the guard (no answer here): the decision goes in from its push, and the release is fetched once for the rest', async () => {
    const fake = answering();
    const page = await releasePage(fake);
    const byAna = page.show(page.reads.decisionLog({ actor: 'ana' }));
    await page.idle();
    fake.calls.length = 0;
    const guard = decision('g1', 'a', 7, { actor: 'guard', action: 'promote', fromStatus: 'rolling', toStatus: 'rolling' });
    fake.answers.getRelease = () => detail('a', 'rolling', [guard], { stageIndex: 2 });

    fake.push({ type: 'decision.recorded', decision: guard });
    expect(page.shown.detail.getCurrentResult().data?.decisions.map((d) => d.id)).toEqual(['g1']);
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await page.idle();

    expect(readCounts(fake)).toEqual({ ...AFTER_A_DECISION, getRelease: 1, listReleases: 1, listFaults: 1 });
    expect(page.shown.detail.getCurrentResult().data?.release.stageIndex).toBe(2);
    expect(page.shown.log.getCurrentResult().data?.map((d) => d.id)).toEqual(['g1']);
    expect(byAna.getCurrentResult().data).toEqual([]);
  });

  it('a refused decision that says the screen is stale fetches the release again; one that needs an override fetches nothing', async () => {
    const fake = answering();
    const page = await releasePage(fake);
    fake.raw.decide = () => ({ ok: false, error: { code: 'override_required', message: 'Gates are failing (latency).', allowed: ['latency'] } });
    expect((await page.writes.decide('a', 'resume', 'try it')).ok).toBe(false);
    await page.idle();
    expect(fake.calls.map((c) => c.method)).toEqual(['decide']);

    fake.raw.decide = () => ({ ok: false, error: { code: 'illegal_action', message: 'It is paused already.' } });
    fake.answers.getRelease = () => detail('a', 'paused');
    expect((await page.writes.decide('a', 'pause', 'again')).ok).toBe(false);
    await page.idle();
    expect(fake.calls.map((c) => c.method)).toEqual(['decide', 'decide', 'getRelease']);
    expect(page.shown.detail.getCurrentResult().data?.release.status).toBe('paused');
  });
});

describe('a release.changed push', () => {
  it('for release a refetches what is shown of a, the list and the trains’ timelines, and nothing of release b', async () => {
    const fake = answering();
    const app = screen(fake);
    const { reads, show } = app;
    for (const id of ['a', 'b']) {
      show(reads.release(id));
      show(reads.gates(id));
      show(reads.plan(id));
      show(reads.timeline({ releaseId: id }));
    }
    show(reads.timeline({ trainId: 'web-weekly' }));
    show(reads.releases());
    await app.idle();
    fake.calls.length = 0;

    fake.push({ type: 'release.changed', releaseId: 'a' });
    await app.idle();

    expect(fake.calls.filter((c) => JSON.stringify(c.input).includes('"b"'))).toEqual([]);
    expect(fake.calls.map((c) => [c.method, c.input]).sort()).toEqual(
      [
        ['getRelease', { releaseId: 'a' }],
        ['getGateStatus', { releaseId: 'a' }],
        ['getPlan', { releaseId: 'a' }],
        ['getTimeline', { releaseId: 'a', limit: 500 }],
        ['getTimeline', { trainId: 'web-weekly', limit: 500 }],
        ['listReleases', {}],
      ].sort(),
    );
  });

  it('fetches nothing that is off screen, and what it changed is fetched when shown again', async () => {
    const fake = answering();
    const app = screen(fake);
    const gates = app.show(app.reads.gates('a'));
    await app.idle();
    gates.off();
    fake.calls.length = 0;

    fake.push({ type: 'release.changed', releaseId: 'a' });
    await app.idle();
    expect(fake.calls).toEqual([]);

    fake.answers.getGateStatus = ({ releaseId }) => gateStatus(releaseId, 2);
    const again = app.show(app.reads.gates('a'));
    await app.idle();
    expect(fake.count('getGateStatus')).toBe(1);
    expect(again.getCurrentResult().data?.evaluatedAt).toBe(2);
  });

  it('while a plan save is under way leaves the plan to its answer', async () => {
    const fake = answering();
    const app = screen(fake);
    const plan = app.show(app.reads.plan('a'));
    app.show(app.reads.release('a'));
    await app.idle();
    fake.calls.length = 0;
    let answer: () => void = () => {};
    fake.raw.updatePlan = () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: planView('a', 1) })));

    const saving = app.writes.savePlan('a', { yaml: 'name: p\n' });
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await app.idle();
    answer();
    expect((await saving).ok).toBe(true);

    expect(fake.calls.map((c) => c.method).sort()).toEqual(['getRelease', 'updatePlan']);
    expect(plan.getCurrentResult().data?.editableFrom).toBe(1);
  });

  it('in a burst costs two fetches of what is on screen, and the screen shows the second answer', async () => {
    const fake = answering();
    const app = screen(fake);
    const shown = app.show(app.reads.release('a'));
    await app.idle();
    fake.calls.length = 0;
    const pending: ((d: ReleaseDetail) => void)[] = [];
    fake.raw.getRelease = () => new Promise((resolve) => pending.push((value) => resolve({ ok: true, value })));

    for (let i = 0; i < 5; i++) fake.push({ type: 'release.changed', releaseId: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pending).toHaveLength(1);
    pending[0]!(detail('a', 'paused'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pending).toHaveLength(2);
    pending[1]!(detail('a', 'halted'));
    await app.idle();

    expect(fake.count('getRelease')).toBe(2);
    expect(shown.getCurrentResult().data?.release.status).toBe('halted');
  });
});
