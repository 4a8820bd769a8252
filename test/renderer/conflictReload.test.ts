import { describe, expect, it } from 'vitest';
import type { Flag } from '../../shared/domain/flags.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';
import { fakeClient } from './fakeClient.ts';

const flag = (version: number, owner: string): Flag =>
  ({ key: 'checkout.new-sheet', description: 'd', owner, type: 'release', createdAt: 0, updatedAt: 0, version, expiry: { kind: 'none' }, cleanup: '', states: {}, linkedReleases: [], expiresAt: null, expired: false, stale: false }) as unknown as Flag;

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
});
