import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionReporter } from '../../renderer/api/live.ts';
import { KEPT_POINTS } from '../../renderer/api/series/thinSeries.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';
import type { ReleaseDetail } from '../../shared/domain/release.ts';
import { fakeClient } from './fakeClient.ts';
import { decision, detail, info, listItem, series } from './fixtures.ts';
import { screen } from './screen.ts';

afterEach(() => vi.useRealTimers());

describe('the release screens', () => {
  it('refetch the list and the shown release when that release changes, and only the list for another one', async () => {
    const fake = fakeClient();
    fake.answers.listReleases = () => [listItem('a'), listItem('b')];
    fake.answers.getRelease = ({ releaseId }) => detail(releaseId);
    const app = screen(fake);
    app.show(app.reads.releases());
    const shown = app.show(app.reads.release('a'));
    await app.idle();
    expect(shown.getCurrentResult().data?.release.id).toBe('a');

    fake.calls.length = 0;
    fake.push({ type: 'release.changed', releaseId: 'b' });
    await app.idle();
    expect(fake.calls.map((c) => c.method)).toEqual(['listReleases']);

    fake.calls.length = 0;
    fake.answers.getRelease = () => detail('a', 'paused');
    fake.push({ type: 'release.changed', releaseId: 'a' });
    await app.idle();
    expect(fake.calls.map((c) => c.method).sort()).toEqual(['getRelease', 'listReleases']);
    expect(shown.getCurrentResult().data?.release.status).toBe('paused');
  });

  it('put a pushed decision on top of the shown release, once, and not on another release', async () => {
    const fake = fakeClient();
    fake.answers.getRelease = ({ releaseId }) => detail(releaseId, 'rolling', releaseId === 'a' ? [decision('d1', 'a', 100)] : []);
    const app = screen(fake);
    const a = app.show(app.reads.release('a'));
    const other = app.show(app.reads.release('other'));
    await app.idle();
    fake.calls.length = 0;
    fake.push({ type: 'decision.recorded', decision: decision('d2', 'a', 200) });
    fake.push({ type: 'decision.recorded', decision: decision('d2', 'a', 200) });
    fake.push({ type: 'decision.recorded', decision: decision('x', 'other', 300) });
    expect(a.getCurrentResult().data?.decisions.map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(other.getCurrentResult().data?.decisions.map((d) => d.id)).toEqual(['x']);
    expect(fake.calls).toEqual([]);
  });

  it('refresh the metrics of the shown release at most once a second, from the last point', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    fake.answers.getMetricSeries = (input) => [series('error_rate', [{ t: input.sinceMs ?? 1000, canary: 1, baseline: 1 }])];
    const app = screen(fake);
    const shown = app.show(app.reads.metrics('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getCurrentResult().data).toHaveLength(1);
    fake.calls.length = 0;

    for (let i = 0; i < 5; i++) fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: 2000 + i });
    fake.push({ type: 'samples.arrived', releaseIds: ['b'], until: 3000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.inputs('getMetricSeries')).toEqual([{ releaseId: 'a', sinceMs: 1000, maxPoints: KEPT_POINTS }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.count('getMetricSeries')).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.count('getMetricSeries')).toBe(2);
  });

  it('show the answer of a decision and do not let an older refresh undo it', async () => {
    const fake = fakeClient();
    fake.answers.listReleases = () => [listItem('a')];
    fake.answers.getRelease = () => detail('a');
    const app = screen(fake);
    const list = app.show(app.reads.releases());
    const shown = app.show(app.reads.release('a'));
    await app.idle();

    // A refresh starts, then a decision; the decision's answer comes back first.
    let answerRefresh: (d: ReleaseDetail) => void = () => {};
    fake.raw.getRelease = () => new Promise((resolve) => (answerRefresh = (value) => resolve({ ok: true, value })));
    void shown.refetch();
    fake.answers.decide = () => detail('a', 'paused', [decision('d1', 'a', 5)]);
    const result = await app.writes.decide('a', 'pause', 'because');
    expect(result.ok).toBe(true);
    expect(shown.getCurrentResult().data?.release.status).toBe('paused');
    expect(list.getCurrentResult().data?.[0]?.status).toBe('paused');
    answerRefresh(detail('a', 'rolling'));
    await app.idle();
    expect(shown.getCurrentResult().data?.release.status).toBe('paused');
  });

  it('catch up on what is shown after a reconnect, and nothing once the session ended', async () => {
    const fake = fakeClient();
    fake.answers.listReleases = () => [listItem('a')];
    fake.answers.getInfo = () => info('viewer');
    fake.answers.listFlags = () => [];
    const app = screen(fake);
    const store = createAppStore();
    const report = connectionReporter(() => store.getState().connection, (s) => store.getState().setConnection(s), app.queryClient);
    app.show(app.reads.releases());
    app.show(app.reads.info());
    app.show(app.reads.flags()).off();
    await app.idle();
    report('live');
    report('reconnecting');
    fake.calls.length = 0;
    report('live');
    await app.idle();
    expect(fake.calls.map((c) => c.method).sort()).toEqual(['getInfo', 'listReleases']);
    expect(store.getState().connection).toBe('live');

    report('ended');
    fake.calls.length = 0;
    report('reconnecting');
    report('live');
    await app.idle();
    expect(fake.calls).toEqual([]);
    expect(store.getState().connection).toBe('ended');
  });
});
