import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_MAX_AGE_MS, draftKeys, readDraft, removeDraft, sameShape, writeDraft } from '../../renderer/lib/drafts.ts';
import { reasonCount, reasonProblem } from '../../renderer/lib/reason.ts';
import { sentence } from '../../renderer/lib/sentence.ts';
import { isSubmitShortcut } from '../../renderer/lib/keys.ts';

/** The browser's localStorage, as far as drafts use it. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
}

describe('form drafts', () => {
  let storage: ReturnType<typeof memoryStorage>;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('window', { localStorage: storage });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keep what was typed until removed, and forget one untouched for a week', () => {
    writeDraft('decide:r1:pause', { reason: 'p95 up' }, 1_000);
    expect(readDraft('decide:r1:pause', 2_000)).toEqual({ savedAt: 1_000, value: { reason: 'p95 up' } });
    expect(readDraft('decide:r1:pause', 1_000 + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(storage.items.size).toBe(0);
    writeDraft('flag:new', { form: {} });
    removeDraft('flag:new');
    expect(readDraft('flag:new')).toBeNull();
  });

  it('drop a stored value that is not a draft rather than half restore it', () => {
    storage.setItem('stagegate.draft.plan:r1', '{not json');
    expect(readDraft('plan:r1')).toBeNull();
    expect(storage.items.has('stagegate.draft.plan:r1')).toBe(false);
  });

  it('list the drafts under a prefix', () => {
    writeDraft('flag:edit:checkout.new', {});
    writeDraft('flag:edit:search.v2', {});
    writeDraft('flag:new', {});
    expect(draftKeys('flag:edit:').sort()).toEqual(['flag:edit:checkout.new', 'flag:edit:search.v2']);
  });

  it('restore only a value of the form’s shape', () => {
    const form = { reason: '', expiry: 60, segment: { region: '' }, linked: [] as string[], pick: null };
    expect(sameShape(form, { reason: 'x', expiry: 15, segment: { region: 'eu-west' }, linked: ['a'], pick: 'y' })).toBe(true);
    expect(sameShape(form, { reason: 'x', expiry: '15', segment: { region: 'eu-west' }, linked: [] })).toBe(false);
    expect(sameShape(form, { reason: 'x', expiry: 15, segment: 'eu-west', linked: [] })).toBe(false);
    expect(sameShape('yaml text', 42)).toBe(false);
  });
});

describe('reason limits as they are typed', () => {
  it('count against 500 and say what is wrong', () => {
    expect(reasonCount('')).toEqual({ text: '0 / 500 — at least 3', tone: 'short' });
    expect(reasonCount('  p95 up  ')).toEqual({ text: '6 / 500', tone: 'ok' });
    expect(reasonCount('x'.repeat(460))).toEqual({ text: '460 / 500', tone: 'near' });
    expect(reasonCount('x'.repeat(503))).toEqual({ text: '503 / 500 — 3 too many', tone: 'over' });
    expect(reasonProblem('x'.repeat(503))).toBe('Keep the reason under 500 characters (3 too many).');
  });

  it('turn a message into a sentence beside its field', () => {
    expect(sentence('use at least 2 characters')).toBe('Use at least 2 characters.');
    expect(sentence('Name its owner.')).toBe('Name its owner.');
  });

  it('submit on Ctrl or ⌘ with Enter, not on Enter alone or with Shift', () => {
    const key = (over: Partial<KeyboardEvent>) => ({ key: 'Enter', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
    expect([key({ ctrlKey: true }), key({ metaKey: true }), key({}), key({ ctrlKey: true, shiftKey: true })].map(isSubmitShortcut)).toEqual([true, true, false, false]);
  });
});
