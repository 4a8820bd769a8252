import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GateStatus } from '../../shared/domain/views.ts';
import { fakeClient } from './fakeClient.ts';
import { decision, detail, gateStatus, loggedEvent } from './fixtures.ts';
import { screen } from './screen.ts';

afterEach(() => vi.useRealTimers());

describe('the rollout screens', () => {
  it('re-judge the gates on samples for the shown release at most once a second, and at once when it changes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    let n = 0;
    fake.answers.getGateStatus = ({ releaseId }) => gateStatus(releaseId, ++n);
    const app = screen(fake);
    const gates = app.show(app.reads.gates('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(gates.getCurrentResult().data?.releaseId).toBe('a');
    expect(fake.count('getGateStatus')).toBe(1);

    for (let i = 0; i < 5; i++) fake.push({ type: 'samples.arrived', releaseIds: ['a', 'b'], until: i });
    fake.push({ type: 'samples.arrived', releaseIds: ['b'], until: 9 });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.count('getGateStatus')).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.count('getGateStatus')).toBe(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.count('getGateStatus')).toBe(3);

    fake.push({ type: 'release.changed', releaseId: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.count('getGateStatus')).toBe(4);
    fake.push({ type: 'release.changed', releaseId: 'other' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.count('getGateStatus')).toBe(4);

    gates.off();
    fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: 99 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.count('getGateStatus')).toBe(4);
    expect(fake.inputs('getGateStatus').every((input) => JSON.stringify(input) === '{"releaseId":"a"}')).toBe(true);
  });

  it('never show the gates answered for a release no longer open', async () => {
    const fake = fakeClient();
    const pending = new Map<string, (v: GateStatus) => void>();
    fake.raw.getGateStatus = ({ releaseId }) => new Promise((resolve) => pending.set(releaseId, (value) => resolve({ ok: true, value })));
    const app = screen(fake);
    const gates = app.show(app.reads.gates('a'));
    gates.setOptions(app.reads.gates('b'));
    pending.get('a')!(gateStatus('a', 1));
    await app.turns();
    expect(gates.getCurrentResult().data).toBeUndefined();
    expect(gates.getCurrentResult().isPending).toBe(true);
    pending.get('b')!(gateStatus('b', 2));
    await app.idle();
    expect(gates.getCurrentResult().data?.releaseId).toBe('b');
  });

  it('send an override with the decision when one is given, and nothing extra otherwise', async () => {
    const fake = fakeClient();
    fake.raw.decide = (input) =>
      input.override ? { ok: true, value: detail('a') } : { ok: false, error: { code: 'override_required', message: 'Gates are failing (latency).', allowed: ['latency'] } };
    const app = screen(fake);
    const refused = await app.writes.decide('a', 'resume', 'try it');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.allowed).toEqual(['latency']);
    const accepted = await app.writes.decide('a', 'resume', 'known issue', { reasonCode: 'known_issue', expiresInMinutes: 60 });
    expect(accepted.ok).toBe(true);
    expect(fake.inputs('decide')).toEqual([
      { releaseId: 'a', action: 'resume', reason: 'try it' },
      { releaseId: 'a', action: 'resume', reason: 'known issue', override: { reasonCode: 'known_issue', expiresInMinutes: 60 } },
    ]);
  });

  it('send a start’s monitor and pre-flight override, and a resume’s fraction, only where they belong', async () => {
    const fake = fakeClient();
    fake.answers.decide = () => detail('a');
    const app = screen(fake);
    await app.writes.decide('a', 'start', 'first users', undefined, { monitor: 'dana', preflightOverride: { reason: 'known gap' } });
    await app.writes.decide('a', 'pause', 'hold on', undefined, { monitor: 'dana' });
    await app.writes.decide('a', 'resume', 'go on', undefined, { exposurePct: 3 });
    expect(fake.inputs('decide')).toEqual([
      { releaseId: 'a', action: 'start', reason: 'first users', monitor: 'dana', preflightOverride: { reason: 'known gap' } },
      { releaseId: 'a', action: 'pause', reason: 'hold on' },
      { releaseId: 'a', action: 'resume', reason: 'go on', exposurePct: 3 },
    ]);
  });

  it('page the event log back from the oldest event shown, keeping the query', async () => {
    const fake = fakeClient();
    fake.answers.listEvents = (input) => {
      const top = (input.beforeSeq ?? 121) - 1;
      return Array.from({ length: Math.min(input.limit ?? 100, top) }, (_, i) => loggedEvent(top - i));
    };
    const app = screen(fake);
    const log = app.showPages(app.reads.events('flag'));
    await app.idle();
    expect(log.getCurrentResult().data?.pages.flat()).toHaveLength(50);
    expect(log.getCurrentResult().hasNextPage).toBe(true);
    await log.fetchNextPage();
    await log.fetchNextPage();
    expect(log.getCurrentResult().data?.pages.flat().at(-1)?.seq).toBe(1);
    expect(log.getCurrentResult().hasNextPage).toBe(false);
    expect(fake.calls.map((c) => c.input)).toEqual([
      { limit: 50, query: 'flag' },
      { limit: 50, beforeSeq: 71, query: 'flag' },
      { limit: 50, beforeSeq: 21, query: 'flag' },
    ]);
  });

  it('put a pushed decision into the decision logs it matches without a fetch; its release.changed refreshes the release timeline', async () => {
    const fake = fakeClient();
    fake.answers.getTimeline = () => [];
    fake.answers.listDecisions = () => [];
    const app = screen(fake);
    const timeline = app.show(app.reads.timeline({ releaseId: 'a' }));
    const byGuard = app.show(app.reads.decisionLog({ actor: 'guard' }));
    const ofB = app.show(app.reads.decisionLog({ releaseId: 'b' }));
    await app.idle();
    expect(timeline.getCurrentResult().data).toEqual([]);
    fake.calls.length = 0;

    fake.push({ type: 'decision.recorded', decision: decision('d', 'a', 10, { actor: 'guard' }) });
    await app.idle();
    expect(fake.calls).toEqual([]);
    expect(byGuard.getCurrentResult().data?.map((d) => d.id)).toEqual(['d']);
    expect(ofB.getCurrentResult().data).toEqual([]);

    fake.push({ type: 'release.changed', releaseId: 'a' });
    await app.idle();
    expect(fake.calls.map((c) => c.method)).toEqual(['getTimeline']);
  });
});
