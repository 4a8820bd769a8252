import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract.ts';
import { fakeClient } from './fakeClient.ts';
import { connection, flag, trainView } from './fixtures.ts';
import { screen } from './screen.ts';

const conflict = { ok: false, error: { code: 'conflict', message: 'The flag "checkout.new-sheet" was changed by bob since you opened it (owner)' } } as const;

describe('a save refused because someone else saved first', () => {
  it('reloads the flags, so the list shows their change and the next edit starts from it', async () => {
    const fake = fakeClient();
    fake.answers.listFlags = () => [flag('checkout.new-sheet', { version: 1, owner: 'payments' })];
    const app = screen(fake);
    const flags = app.show(app.reads.flags());
    await app.idle();

    fake.answers.listFlags = () => [flag('checkout.new-sheet', { version: 2, owner: 'bob’s team' })];
    fake.raw.saveFlag = () => conflict;
    const result = await app.writes.saveFlag({ key: 'checkout.new-sheet', description: 'd', owner: 'me', type: 'release', baseVersion: 1 });

    expect(result).toEqual(conflict);
    await app.idle();
    expect(flags.getCurrentResult().data).toEqual([flag('checkout.new-sheet', { version: 2, owner: 'bob’s team' })]);
  });

  it('reloads the trains, so the page shows their change and the next edit starts from it', async () => {
    const fake = fakeClient();
    fake.answers.listTrains = () => [trainView(1, 'Web weekly')];
    const app = screen(fake);
    const trains = app.show(app.reads.trains());
    await app.idle();

    fake.answers.listTrains = () => [trainView(2, 'Web, every week')];
    fake.raw.saveTrain = () => conflict;
    const input: Input<'saveTrain'> = { id: 'web-weekly', name: 'Web weekly', app: 'web', target: 'service', cadenceDays: 7, firstKickoff: 0, rotation: ['ana'], plan: { name: 'p', target: 'service', stages: [{ label: 'all', exposure: 100 }] }, baseVersion: 1 };
    expect(await app.writes.saveTrain(input)).toEqual(conflict);

    await app.idle();
    expect(trains.getCurrentResult().data).toEqual([trainView(2, 'Web, every week')]);
  });

  it('reloads the connections when one was removed meanwhile; a save that goes through replaces its row, in name order, without a fetch', async () => {
    const fake = fakeClient();
    fake.answers.listConnections = () => [connection('c1', 'Zeta'), connection('c2', 'alpha')];
    const app = screen(fake);
    const list = app.show(app.reads.connections());
    await app.idle();
    fake.calls.length = 0;

    fake.answers.saveConnection = () => connection('c1', 'Beta', 2);
    expect((await app.writes.saveConnection({ id: 'c1', name: 'Beta', config: { kind: 'prometheus', baseUrl: 'http://prometheus.test:9090' }, expectedVersion: 1 })).ok).toBe(true);
    expect(list.getCurrentResult().data?.map((c) => c.name)).toEqual(['alpha', 'Beta']);
    expect(fake.calls.map((c) => c.method)).toEqual(['saveConnection']);

    fake.answers.listConnections = () => [connection('c2', 'alpha')];
    fake.raw.removeConnection = () => ({ ok: false, error: { code: 'not_found', message: 'No connection "c1".' } });
    expect((await app.writes.removeConnection({ id: 'c1', expectedVersion: 2 })).ok).toBe(false);
    await app.idle();
    expect(list.getCurrentResult().data?.map((c) => c.id)).toEqual(['c2']);
  });
});
