import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReleaseDetail } from '../../shared/domain/release.ts';
import { fakeClient } from './fakeClient.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';


const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const gateStatus = (releaseId: string, evaluatedAt: number) => ({ releaseId, stageIndex: 0, evaluatedAt, results: [], overrides: [], verdict: 'pass', effective: 'pass', next: { kind: 'none', action: null, why: 'x' } });

afterEach(() => vi.useRealTimers());

describe('rollout store slices', () => {
  it('re-judges the gates on samples for the open release at most once a second, and at once when it changes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    let n = 0;
    fake.answers.getGateStatus = (input: { releaseId: string }) => gateStatus(input.releaseId, ++n);
    const store = createAppStore(fake.client);
    store.getState().start();
    store.getState().openGates('a');
    await vi.waitFor(() => expect(store.getState().gates?.releaseId).toBe('a'));
    const gateCalls = () => fake.calls.filter((c) => c[0] === 'getGateStatus').length;
    expect(gateCalls()).toBe(1);

    for (let i = 0; i < 5; i++) fake.push({ type: 'samples.arrived', releaseIds: ['a', 'b'], until: i });
    fake.push({ type: 'samples.arrived', releaseIds: ['b'], until: 9 });
    await vi.advanceTimersByTimeAsync(0);
    expect(gateCalls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(gateCalls()).toBe(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(gateCalls()).toBe(3);

    fake.push({ type: 'release.changed', releaseId: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    expect(gateCalls()).toBe(4);
    fake.push({ type: 'release.changed', releaseId: 'other' });
    await vi.advanceTimersByTimeAsync(0);
    expect(gateCalls()).toBe(4);

    store.getState().closeGates();
    fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: 99 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(gateCalls()).toBe(4);
  });

  it('drops a gate answer for a release no longer open', async () => {
    const fake = fakeClient();
    let release: (v: unknown) => void = () => {};
    fake.raw.getGateStatus = () => new Promise((resolve) => (release = (v) => resolve({ ok: true, value: v })));
    const store = createAppStore(fake.client);
    store.getState().openGates('a');
    store.getState().openGates('b');
    release(gateStatus('a', 1));
    await settle();
    expect(store.getState().gates).toBeNull();
  });

  it('sends an override with the decision when one is given, and nothing extra otherwise', async () => {
    const fake = fakeClient();
    fake.answers.getRelease = () => ({ release: { id: 'a' }, decisions: [] }) as unknown as ReleaseDetail;
    fake.answers.getMetricSeries = () => [];
    fake.raw.decide = (input: { override?: unknown }) =>
      input.override
        ? { ok: true, value: { release: { id: 'a' }, decisions: [] } }
        : { ok: false, error: { code: 'override_required', message: 'Gates are failing (latency).', allowed: ['latency'] } };
    const store = createAppStore(fake.client);
    store.getState().openRelease('a');
    await settle();
    const refused = await store.getState().decide('resume', 'try it');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.allowed).toEqual(['latency']);
    const accepted = await store.getState().decide('resume', 'known issue', { reasonCode: 'known_issue', expiresInMinutes: 60 });
    expect(accepted.ok).toBe(true);
    const sent = fake.calls.filter((c) => c[0] === 'decide').map((c) => c[1]);
    expect(sent).toEqual([
      { releaseId: 'a', action: 'resume', reason: 'try it' },
      { releaseId: 'a', action: 'resume', reason: 'known issue', override: { reasonCode: 'known_issue', expiresInMinutes: 60 } },
    ]);
  });

  it('pages the event log back from the oldest event shown, keeping the query', async () => {
    const fake = fakeClient();
    const event = (seq: number) => ({ seq, at: seq, kind: 'k', subject: null, actor: 'a', payload: {}, hash: 'h' });
    fake.answers.listEvents = (input: { beforeSeq?: number; limit: number }) => {
      const top = (input.beforeSeq ?? 121) - 1;
      return Array.from({ length: Math.min(input.limit, top) }, (_, i) => event(top - i));
    };
    const store = createAppStore(fake.client);
    await store.getState().searchEvents('flag');
    expect(store.getState().events).toHaveLength(50);
    expect(store.getState().eventsMore).toBe(true);
    await store.getState().loadOlderEvents();
    await store.getState().loadOlderEvents();
    expect(store.getState().events?.map((e) => e.seq).at(-1)).toBe(1);
    expect(store.getState().eventsMore).toBe(false);
    expect(fake.calls.map((c) => c[1])).toEqual([
      { limit: 50, query: 'flag' },
      { limit: 50, beforeSeq: 71, query: 'flag' },
      { limit: 50, beforeSeq: 21, query: 'flag' },
    ]);
  });

  it('refreshes the open release timeline and the decision log on a pushed decision', async () => {
    const fake = fakeClient();
    fake.answers.getTimeline = () => [];
    fake.answers.listDecisions = () => [];
    const store = createAppStore(fake.client);
    store.getState().start();
    store.getState().openTimeline({ releaseId: 'a' });
    store.getState().openDecisionLog({ actor: 'guard' });
    await settle();
    fake.calls.length = 0;
    fake.push({ type: 'decision.recorded', decision: { id: 'd', releaseId: 'a' } as never });
    await settle();
    expect(fake.calls.map((c) => c[0]).sort()).toEqual(['getTimeline', 'listDecisions']);
    expect(fake.calls.find((c) => c[0] === 'listDecisions')?.[1]).toEqual({ actor: 'guard', limit: 200 });

    fake.calls.length = 0;
    fake.push({ type: 'decision.recorded', decision: { id: 'e', releaseId: 'b' } as never });
    await settle();
    expect(fake.calls.map((c) => c[0])).toEqual(['listDecisions']);
  });
});
