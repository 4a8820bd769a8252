import { afterEach, describe, expect, it, vi } from 'vitest';
import { READINESS_REFRESH_MS, SEGMENT_KEYS_REFRESH_MS } from '../../renderer/api/pushInvalidation.ts';
import type { PlanReadiness } from '../../shared/domain/readiness.ts';
import { fakeClient } from './fakeClient.ts';
import { readiness } from './fixtures.ts';
import { screen } from './screen.ts';

afterEach(() => vi.useRealTimers());

describe('plan readiness on screen', () => {
  it('refreshes on a plan change at once, on samples at most twice a minute, and not once off screen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    fake.answers.getPlanReadiness = ({ releaseId }) => readiness(releaseId);
    const app = screen(fake);
    const shown = app.show(app.reads.readiness('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getCurrentResult().data?.releaseId).toBe('a');
    const calls = () => fake.count('getPlanReadiness');
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

    shown.off();
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await vi.advanceTimersByTimeAsync(READINESS_REFRESH_MS * 2);
    expect(calls()).toBe(4);
  });

  it('shows the segment keys again on samples at most every 15 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    fake.answers.getSegmentKeys = () => ({ recorded: [], simulated: { region: ['eu-west'], device: [], tenant: [] } });
    const app = screen(fake);
    app.show(app.reads.segmentKeys('a'));
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 20; i++) {
      fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: i });
      await vi.advanceTimersByTimeAsync(1000);
    }
    // The first load, one look at once, and one at the end of each 15 s window.
    expect(fake.count('getSegmentKeys')).toBe(1 + Math.ceil(20_000 / SEGMENT_KEYS_REFRESH_MS));
  });

  it('never shows the readiness answered for a release no longer open', async () => {
    const fake = fakeClient();
    const pending = new Map<string, (v: PlanReadiness) => void>();
    fake.raw.getPlanReadiness = ({ releaseId }) => new Promise((resolve) => pending.set(releaseId, (value) => resolve({ ok: true, value })));
    const app = screen(fake);
    const shown = app.show(app.reads.readiness('a'));
    shown.setOptions(app.reads.readiness('b'));
    pending.get('a')!(readiness('a'));
    await app.turns();
    expect(shown.getCurrentResult().data).toBeUndefined();
  });
});
