import { describe, expect, it } from 'vitest';
import type { Flag, LoggedEvent, Result } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

const meta = { key: 'new-checkout', description: 'New checkout', owner: 'payments', type: 'release', cleanup: 'Remove the old flow' };
const alice = { actor: 'alice', role: 'operator' as const };
const bob = { actor: 'bob', role: 'operator' as const };

function setup() {
  const { core, call } = operatorCore();
  const save = (input: Record<string, unknown>, caller = alice) => core.invoke('saveFlag', input, caller) as Promise<Result<Flag>>;
  const flagEvents = () => call<LoggedEvent[]>('listEvents', { limit: 100, query: meta.key });
  const stored = async () => (await call<Flag[]>('listFlags', {})).find((f) => f.key === meta.key)!;
  return { core, call, save, flagEvents, stored };
}

describe('creating a flag is not editing one', () => {
  it('refuses to create a flag whose key is taken, naming it, and leaves the existing flag and the log as they were', async () => {
    const { save, flagEvents, stored } = setup();
    const created = await save(meta);
    expect(created.ok).toBe(true);
    const before = await stored();
    const eventsBefore = await flagEvents();

    const again = await save({ ...meta, owner: 'someone else', description: 'A different flag' }, bob);

    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('conflict');
      expect(again.error.message).toContain('"new-checkout" exists already');
      expect(again.error.issues).toEqual([{ path: 'key', message: expect.stringContaining('new-checkout') }]);
    }
    expect(await stored()).toEqual(before);
    expect(await flagEvents()).toEqual(eventsBefore);
  });

  it('edits the version it was based on, and counts versions up', async () => {
    const { save, stored } = setup();
    await save(meta);
    const edited = await save({ ...meta, owner: 'checkout team', baseVersion: 1 });
    expect(edited).toMatchObject({ ok: true, value: { owner: 'checkout team', version: 2 } });
    expect(await stored()).toMatchObject({ owner: 'checkout team', version: 2 });
  });

  it('refuses an edit based on a version someone else has changed since, saying who changed what, and writes nothing', async () => {
    const { save, flagEvents, stored } = setup();
    await save(meta);
    // Both open version 1; Alice saves first.
    expect((await save({ ...meta, owner: 'checkout team', cleanup: 'Delete CheckoutV1', baseVersion: 1 })).ok).toBe(true);
    const afterAlice = await stored();
    const eventsAfterAlice = await flagEvents();

    const stale = await save({ ...meta, description: 'New checkout, v2', baseVersion: 1 }, bob);

    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.message).toMatch(/changed by alice since you opened it/);
      expect(stale.error.message).toMatch(/owner/);
      expect(stale.error.message).toMatch(/cleanup plan/);
      expect(stale.error.issues?.map((i) => i.path).sort()).toEqual(['cleanup', 'owner']);
    }
    expect(await stored()).toEqual(afterAlice);
    expect(await flagEvents()).toEqual(eventsAfterAlice);
  });

  it('does not count a state change as an edit: an edit opened before it still saves', async () => {
    const { call, save } = setup();
    await save(meta);
    await call('setFlagState', { key: meta.key, environment: 'production', state: { mode: 'on' }, reason: 'launch day' });
    const edited = await save({ ...meta, owner: 'checkout team', baseVersion: 1 });
    expect(edited).toMatchObject({ ok: true, value: { owner: 'checkout team', version: 2, states: { production: { mode: 'on' } } } });
  });

  it('answers an edit of a flag that does not exist with not_found, and creates nothing', async () => {
    const { call, save } = setup();
    const r = await save({ ...meta, baseVersion: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call<Flag[]>('listFlags', {})).toEqual([]);
  });
});
