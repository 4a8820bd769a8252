import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Decision, ReleaseDetail, ReleaseSummary } from '../../shared/domain/release.ts';
import { fakeClient } from './fakeClient.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';
import { KEPT_POINTS } from '../../renderer/store/thinSeries.ts';

const summary = (id: string, status: ReleaseSummary['status'] = 'rolling'): ReleaseSummary =>
  ({ id, name: `${id} 1.0`, app: id, version: '1.0', target: 'service', status, stageIndex: 1, pausedMsTotal: 0, pausedAt: null, createdAt: 0, updatedAt: 0, exposurePct: 10, stageCount: 3, stageLabel: '10%' }) as ReleaseSummary;
const detail = (id: string, status: ReleaseSummary['status'] = 'rolling', decisions: Decision[] = []): ReleaseDetail =>
  ({ release: summary(id, status), stages: [], decisions, allowedActions: ['pause'] }) as unknown as ReleaseDetail;
const decision = (id: string, releaseId: string, createdAt: number): Decision =>
  ({ id, releaseId, stageIndex: 1, action: 'pause', actor: 'ana', reason: 'why', fromStatus: 'rolling', toStatus: 'paused', evidence: null, verdict: 'none', createdAt });


const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => vi.useRealTimers());

describe('store', () => {
  it('refetches the list and the shown release when that release changes', async () => {
    const fake = fakeClient();
    fake.answers.listReleases = () => [summary('a'), summary('b')];
    fake.answers.getRelease = (input: { releaseId: string }) => detail(input.releaseId);
    fake.answers.getMetricSeries = () => [];
    fake.answers.getInfo = () => ({ role: 'operator' });
    const store = createAppStore(fake.client);
    store.getState().start();
    await store.getState().loadReleases();
    store.getState().openRelease('a');
    await settle();
    expect(store.getState().detail?.release.id).toBe('a');

    fake.calls.length = 0;
    fake.push({ type: 'release.changed', releaseId: 'b' });
    await settle();
    expect(fake.calls.map((c) => c[0])).toEqual(['listReleases']);

    fake.calls.length = 0;
    fake.answers.getRelease = () => detail('a', 'paused');
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await settle();
    expect(fake.calls.map((c) => c[0]).sort()).toEqual(['getRelease', 'listReleases']);
    expect(store.getState().detail?.release.status).toBe('paused');
  });

  it('puts a pushed decision on top of the shown release, once', async () => {
    const fake = fakeClient();
    fake.answers.getRelease = () => detail('a', 'rolling', [decision('d1', 'a', 100)]);
    fake.answers.getMetricSeries = () => [];
    const store = createAppStore(fake.client);
    store.getState().start();
    store.getState().openRelease('a');
    await settle();
    fake.push({ type: 'decision.recorded', decision: decision('d2', 'a', 200) });
    fake.push({ type: 'decision.recorded', decision: decision('d2', 'a', 200) });
    fake.push({ type: 'decision.recorded', decision: decision('x', 'other', 300) });
    expect(store.getState().detail?.decisions.map((d) => d.id)).toEqual(['d2', 'd1']);
  });

  it('refreshes metrics of the shown release at most once a second, from the last point', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    fake.answers.getRelease = () => detail('a');
    fake.answers.getMetricSeries = (input: { sinceMs?: number }) => [
      { metric: 'error_rate', label: 'Error rate', unit: '%', points: [{ t: input.sinceMs ?? 1000, canary: 1, baseline: 1 }] },
    ];
    const store = createAppStore(fake.client);
    store.getState().start();
    store.getState().openRelease('a');
    await vi.waitFor(() => expect(store.getState().series).not.toBeNull());
    fake.calls.length = 0;

    for (let i = 0; i < 5; i++) fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: 2000 + i });
    fake.push({ type: 'samples.arrived', releaseIds: ['b'], until: 3000 });
    await vi.advanceTimersByTimeAsync(0);
    const metricCalls = () => fake.calls.filter((c) => c[0] === 'getMetricSeries');
    expect(metricCalls()).toEqual([['getMetricSeries', { releaseId: 'a', sinceMs: 1000, maxPoints: KEPT_POINTS }]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(metricCalls()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(metricCalls()).toHaveLength(2);
  });

  it('shows the answer of a decision and does not let an older refresh undo it', async () => {
    const fake = fakeClient();
    fake.answers.listReleases = () => [summary('a')];
    fake.answers.getMetricSeries = () => [];
    let answerRefresh: (d: ReleaseDetail) => void = () => {};
    const store = createAppStore(fake.client);
    fake.answers.getRelease = () => detail('a');
    await store.getState().loadReleases();
    store.getState().openRelease('a');
    await settle();

    // A refresh starts, then a decision; the decision's answer comes back first.
    const slow = new Promise<ReleaseDetail>((resolve) => (answerRefresh = resolve));
    const getRelease = fake.client.getRelease;
    fake.client.getRelease = async () => ({ ok: true, value: await slow });
    void store.getState().refreshRelease();
    fake.answers.decide = () => detail('a', 'paused', [decision('d1', 'a', 5)]);
    const result = await store.getState().decide('pause', 'because');
    expect(result.ok).toBe(true);
    expect(store.getState().detail?.release.status).toBe('paused');
    expect(store.getState().releases?.[0]?.status).toBe('paused');
    answerRefresh(detail('a', 'rolling'));
    await settle();
    expect(store.getState().detail?.release.status).toBe('paused');
    fake.client.getRelease = getRelease;
  });

  it('catches up on what is shown after a reconnect', async () => {
    const fake = fakeClient();
    fake.answers.listReleases = () => [summary('a')];
    fake.answers.getInfo = () => ({ role: 'viewer' });
    const store = createAppStore(fake.client);
    await store.getState().loadReleases();
    store.getState().setConnection('live');
    store.getState().setConnection('reconnecting');
    fake.calls.length = 0;
    store.getState().setConnection('live');
    await settle();
    expect(fake.calls.map((c) => c[0]).sort()).toEqual(['getInfo', 'listReleases']);
  });
});
