import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract.ts';
import type { Flag } from '../../shared/domain/flags.ts';
import type { TrainView } from '../../shared/domain/views.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';
import { fakeClient } from './fakeClient.ts';

const flag = (version: number, owner: string): Flag =>
  ({ key: 'checkout.new-sheet', description: 'd', owner, type: 'release', createdAt: 0, updatedAt: 0, version, expiry: { kind: 'none' }, cleanup: '', states: {}, linkedReleases: [], expiresAt: null, expired: false, stale: false }) as unknown as Flag;

const trainView = (version: number, name: string): TrainView => ({ train: { id: 'web-weekly', name }, version }) as unknown as TrainView;

const conflict = { ok: false, error: { code: 'conflict', message: 'The flag "checkout.new-sheet" was changed by bob since you opened it (owner)' } };

describe('a save refused because someone else saved first', () => {
  it('reloads the flags, so the list shows their change and the next edit starts from it', async () => {
    const fake = fakeClient();
    fake.answers.listFlags = () => [flag(1, 'payments')];
    const store = createAppStore(fake.client);
    await store.getState().loadFlags();

    fake.answers.listFlags = () => [flag(2, 'bob’s team')];
    fake.raw.saveFlag = () => conflict;
    const result = await store.getState().saveFlag({ key: 'checkout.new-sheet', description: 'd', owner: 'me', type: 'release', baseVersion: 1 });

    expect(result).toEqual(conflict);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().flags).toEqual([flag(2, 'bob’s team')]);
  });

  it('reloads the trains, so the page shows their change and the next edit starts from it', async () => {
    const fake = fakeClient();
    fake.answers.listTrains = () => [trainView(1, 'Web weekly')];
    const store = createAppStore(fake.client);
    await store.getState().loadTrains();

    fake.answers.listTrains = () => [trainView(2, 'Web, every week')];
    fake.raw.saveTrain = () => conflict;
    const input: Input<'saveTrain'> = { id: 'web-weekly', name: 'Web weekly', app: 'web', target: 'service', cadenceDays: 7, firstKickoff: 0, rotation: ['ana'], plan: { name: 'p', target: 'service', stages: [{ label: 'all', exposure: 100 }] }, baseVersion: 1 };
    expect(await store.getState().saveTrain(input)).toEqual(conflict);

    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().trains).toEqual([trainView(2, 'Web, every week')]);
  });
});
