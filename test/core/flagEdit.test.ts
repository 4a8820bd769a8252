import { describe, expect, it } from 'vitest';
import type { Flag, LoggedEvent, PushEvent, ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

const DAY = 24 * 60 * 60 * 1000;

async function setup() {
  const { core, clock, call } = operatorCore();
  const flagEvents = (key: string) => call<LoggedEvent[]>('listEvents', { limit: 100, query: key });
  return { core, clock, call, flagEvents };
}

/** What a flag edit replaced, from its event; any other event fails the test. */
function replaced(e: LoggedEvent | undefined) {
  if (!e?.known || e.kind !== 'flag.updated') throw new Error(`not a flag edit: ${e?.kind}`);
  return e.payload.from;
}

const meta = { key: 'new-checkout', description: 'New checkout', owner: 'payments', type: 'release', cleanup: 'Remove the old flow' };

describe('editing a flag', () => {
  it('records an event with what it replaced, and leaves the state in every environment alone', async () => {
    const { core, call, clock, flagEvents } = await setup();
    const release = await call<ReleaseDetail>('createRelease', { name: 'api', app: 'api', version: '1.0', target: 'service' });
    await call('saveFlag', { ...meta, linkedReleases: [release.release.id] });
    await call('setFlagState', { key: meta.key, environment: 'production', state: { mode: 'percentage', pct: 25 }, reason: 'first ramp' });
    await call('setFlagState', { key: meta.key, environment: 'staging', state: { mode: 'on' }, reason: 'all of staging' });
    const pushed: PushEvent[] = [];
    core.subscribe((e) => pushed.push(e));
    clock.advance(DAY);

    const edited = await call<Flag>('saveFlag', { ...meta, owner: 'checkout team', cleanup: 'Delete CheckoutV1 after 7.4', linkedReleases: [release.release.id], baseVersion: 1 });

    expect(edited).toMatchObject({ owner: 'checkout team', cleanup: 'Delete CheckoutV1 after 7.4', description: 'New checkout', updatedAt: clock.t, version: 2 });
    expect(edited.states).toEqual({ development: { mode: 'off', pct: 0 }, staging: { mode: 'on', pct: 0 }, production: { mode: 'percentage', pct: 25 } });
    const [latest] = await flagEvents(meta.key);
    expect(latest).toMatchObject({ kind: 'flag.updated', subject: meta.key, actor: 'alice', at: clock.t });
    expect(latest!.payload).toMatchObject({ owner: 'checkout team', from: { owner: 'payments', cleanup: 'Remove the old flow' } });
    expect(Object.keys(replaced(latest) ?? {}).sort()).toEqual(['cleanup', 'owner']);
    expect(pushed).toContainEqual({ type: 'release.changed', releaseId: release.release.id });
  });

  it('saving the flag unchanged records nothing and does not make a stale flag look fresh', async () => {
    const { call, clock, flagEvents } = await setup();
    await call('saveFlag', { ...meta, expiry: { kind: 'date', at: clock.t + 90 * DAY } });
    clock.advance(40 * DAY);
    const before = await flagEvents(meta.key);

    const same = await call<Flag>('saveFlag', { ...meta, expiry: { kind: 'date', at: clock.t - 40 * DAY + 90 * DAY }, baseVersion: 1 });

    expect(same).toMatchObject({ stale: true, updatedAt: clock.t - 40 * DAY, version: 1 });
    expect(await flagEvents(meta.key)).toEqual(before);
  });

  it('counts a changed expiry and changed links as changes, but not the order of the links', async () => {
    const { call, flagEvents } = await setup();
    const a = await call<ReleaseDetail>('createRelease', { name: 'a', app: 'api', version: '1.0', target: 'service' });
    const b = await call<ReleaseDetail>('createRelease', { name: 'b', app: 'api', version: '1.0', target: 'service' });
    const ids = [a.release.id, b.release.id];
    await call('saveFlag', { ...meta, linkedReleases: ids });
    await call('saveFlag', { ...meta, linkedReleases: [...ids].reverse(), baseVersion: 1 });
    expect((await flagEvents(meta.key)).map((e) => e.kind)).toEqual(['flag.created']);

    await call('saveFlag', { ...meta, linkedReleases: [ids[0]], expiry: { kind: 'date', at: 1 }, baseVersion: 1 });
    const [latest] = await flagEvents(meta.key);
    expect(replaced(latest)).toEqual({ expiry: { kind: 'none' }, linkedReleases: [...ids].sort() });
  });
});
