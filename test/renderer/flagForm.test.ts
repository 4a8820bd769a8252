import { describe, expect, it } from 'vitest';
import type { Flag } from '../../shared/domain/flags.ts';
import { localDay } from '../../renderer/lib/format.ts';
import { emptyFlagForm, endOfDay, flagToForm, formToInput, problemsFromIssues } from '../../renderer/features/flags/flagFormState.ts';

const flag = (over: Partial<Flag> = {}): Flag => ({
  key: 'checkout.new-sheet',
  description: 'New payment sheet',
  owner: 'payments team',
  type: 'release',
  createdAt: 0,
  updatedAt: 0,
  version: 4,
  expiry: { kind: 'none' },
  cleanup: 'Remove the old sheet',
  states: { development: { mode: 'off', pct: 0 }, staging: { mode: 'on', pct: 0 }, production: { mode: 'percentage', pct: 20 } },
  linkedReleases: ['rel-1', 'rel-2'],
  expiresAt: null,
  expired: false,
  stale: false,
  ...over,
});

const saved = (f: Flag) => ({ key: f.key, description: f.description, owner: f.owner, type: f.type, expiry: f.expiry, cleanup: f.cleanup, linkedReleases: f.linkedReleases, baseVersion: f.version });

describe('flag form state', () => {
  it('round-trips a flag whose expiry is relative to a train milestone', () => {
    const f = flag({ type: 'experiment', expiry: { kind: 'train', trainId: 'android-weekly', trainsAfterFull: 3 } });
    const form = flagToForm(f);
    expect(form).toMatchObject({ expiryKind: 'train', trainId: 'android-weekly', trainsAfter: '3', type: 'experiment' });
    expect(formToInput(form, f)).toEqual({ ok: true, input: saved(f) });
  });

  it('round-trips a dated expiry to the same instant even when it is not the end of a day', () => {
    const at = new Date(2026, 11, 5, 9, 30).getTime();
    const f = flag({ expiry: { kind: 'date', at } });
    const form = flagToForm(f);
    expect(form.date).toBe('2026-12-05');
    expect(formToInput(form, f)).toEqual({ ok: true, input: saved(f) });
  });

  it('moves a changed date to the end of that local day', () => {
    const f = flag({ expiry: { kind: 'date', at: new Date(2026, 11, 5, 9, 30).getTime() } });
    const check = formToInput({ ...flagToForm(f), date: '2026-12-24' }, f);
    expect(check).toMatchObject({ ok: true, input: { expiry: { kind: 'date', at: new Date(2026, 11, 24, 23, 59, 59).getTime() } } });
  });

  it('round-trips a flag with no expiry, and edits only what was changed, trimmed', () => {
    const f = flag();
    expect(formToInput(flagToForm(f), f)).toEqual({ ok: true, input: saved(f) });
    const edited = formToInput({ ...flagToForm(f), owner: '  checkout team ', cleanup: ' Delete CheckoutV1 ', linked: ['rel-2', 'rel-2'] }, f);
    expect(edited).toEqual({ ok: true, input: { ...saved(f), owner: 'checkout team', cleanup: 'Delete CheckoutV1', linkedReleases: ['rel-2'] } });
  });

  it('keeps the key of the flag being edited whatever the form holds', () => {
    const f = flag();
    expect(formToInput({ ...flagToForm(f), key: 'something-else' }, f)).toMatchObject({ ok: true, input: { key: 'checkout.new-sheet' } });
  });

  it('sends the version an edit was opened on, and no version for a new flag', () => {
    const f = flag({ version: 7 });
    expect(formToInput({ ...flagToForm(f), owner: 'checkout team' }, f)).toMatchObject({ ok: true, input: { owner: 'checkout team', baseVersion: 7 } });
    const fresh = formToInput({ ...emptyFlagForm(), key: 'checkout.brand-new', description: 'd', owner: 'o', expiryKind: 'none' });
    expect(fresh.ok).toBe(true);
    if (fresh.ok) expect(fresh.input).not.toHaveProperty('baseVersion');
  });

  it('says what is wrong per field instead of saving', () => {
    expect(formToInput({ ...emptyFlagForm(), key: 'Has Caps', trainId: '' })).toEqual({
      ok: false,
      problems: {
        key: 'lower-case letters, digits and . _ - only',
        description: 'Say what the flag is for.',
        owner: 'Name its owner.',
        expiry: 'Pick the train its expiry counts from (or choose another expiry).',
      },
    });
    const base = { ...emptyFlagForm(), key: 'k1', description: 'd', owner: 'o', trainId: 't' };
    for (const trainsAfter of ['', '53', '1.5', '-1']) {
      expect(formToInput({ ...base, trainsAfter })).toEqual({ ok: false, problems: { expiry: 'The number of trains goes from 0 to 52.' } });
    }
    expect(formToInput({ ...base, expiryKind: 'date', date: '' })).toEqual({ ok: false, problems: { expiry: 'Pick the expiry date.' } });
    expect(formToInput({ ...base, trainsAfter: '0' })).toMatchObject({ ok: true, input: { expiry: { kind: 'train', trainId: 't', trainsAfterFull: 0 } } });
  });

  it('reads only real calendar days', () => {
    expect(endOfDay('2026-02-30')).toBeNull();
    expect(endOfDay('26-2-3')).toBeNull();
    expect(localDay(endOfDay('2028-02-29')!)).toBe('2028-02-29');
  });
});

describe('host issues beside their fields', () => {
  it('puts each issue by the field its path names and keeps the rest general', () => {
    const { fields, rest } = problemsFromIssues([
      { path: 'owner', message: 'Too small' },
      { path: 'expiry.trainId', message: 'no such train' },
      { path: 'linkedReleases', message: 'no release "a"' },
      { path: 'linkedReleases', message: 'no release "b"' },
      { path: '(input)', message: 'Unrecognized key: "colour"' },
      { path: 'constructor', message: 'not a field' },
    ]);
    expect(fields).toEqual({ owner: 'Too small', expiry: 'no such train', linked: 'no release "a"; no release "b"' });
    expect(rest.map((i) => i.path)).toEqual(['(input)', 'constructor']);
  });
});
