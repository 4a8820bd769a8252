import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlanReadiness } from '../../shared/domain/readiness.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';
import { READINESS_REFRESH_MS } from '../../renderer/store/slices/live.ts';
import { fakeClient } from './fakeClient.ts';

const readiness = (releaseId: string): PlanReadiness =>
  PlanReadiness.parse({ releaseId, traffic: null, source: { kind: 'unknown', text: 'no samples of this release in the last hour', since: 0, until: 0 }, stages: [] });

afterEach(() => vi.useRealTimers());

describe('the plan readiness slice', () => {
  it('refreshes on a plan change at once, on samples at most twice a minute, and not after closing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    fake.answers.getPlanReadiness = (input: { releaseId: string }) => readiness(input.releaseId);
    const store = createAppStore(fake.client);
    store.getState().start();
    store.getState().openReadiness('a');
    await vi.waitFor(() => expect(store.getState().readiness?.releaseId).toBe('a'));
    const calls = () => fake.calls.filter((c) => c[0] === 'getPlanReadiness').length;
    expect(calls()).toBe(1);

    fake.push({ type: 'release.changed', releaseId: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls()).toBe(2);
    for (let i = 0; i < 10; i++) fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: i });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(READINESS_REFRESH_MS / 2);
    expect(calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(READINESS_REFRESH_MS);
    expect(calls()).toBe(4);

    store.getState().closeReadiness();
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await vi.advanceTimersByTimeAsync(READINESS_REFRESH_MS * 2);
    expect(calls()).toBe(4);
  });

  it('drops an answer for a release no longer open', async () => {
    const fake = fakeClient();
    let answer: (v: unknown) => void = () => {};
    fake.raw.getPlanReadiness = () => new Promise((resolve) => (answer = (v) => resolve({ ok: true, value: v })));
    const store = createAppStore(fake.client);
    store.getState().openReadiness('a');
    store.getState().openReadiness('b');
    answer(readiness('a'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().readiness).toBeNull();
  });
});
