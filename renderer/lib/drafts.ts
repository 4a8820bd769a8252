import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { DAY_MS } from '../../shared/time.ts';

// What a person has typed into a form and not saved yet, kept in the browser's storage per form, so
// a reload, a navigation or an Escape loses nothing. A draft goes when the form is saved or when the
// person discards it; one untouched for a week goes by itself.

const PREFIX = 'stagegate.draft.';
export const DRAFT_MAX_AGE_MS = 7 * DAY_MS;

interface Stored {
  savedAt: number;
  value: unknown;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be switched off; drafts then live as long as the form does.
    return null;
  }
}

export function readDraft(key: string, now = Date.now()): Stored | null {
  const store = storage();
  const raw = store?.getItem(PREFIX + key);
  if (!store || raw === null || raw === undefined) return null;
  try {
    const parsed = JSON.parse(raw) as Stored;
    if (typeof parsed?.savedAt !== 'number' || !('value' in parsed)) throw new Error('not a draft');
    if (now - parsed.savedAt > DRAFT_MAX_AGE_MS) throw new Error('too old');
    return parsed;
  } catch {
    store.removeItem(PREFIX + key);
    return null;
  }
}

export function writeDraft(key: string, value: unknown, now = Date.now()): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify({ savedAt: now, value }));
  } catch {
    // Full or switched off: the form still holds what was typed.
  }
}

export function removeDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

export function hasDraft(key: string): boolean {
  return readDraft(key) !== null;
}

/** The keys (without the prefix) of the drafts whose key starts with `prefix`. */
export function draftKeys(prefix: string): string[] {
  const store = storage();
  if (!store) return [];
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX + prefix)) keys.push(key.slice(PREFIX.length));
  }
  return keys.filter((k) => readDraft(k) !== null);
}

/**
 * Whether a stored value still fits the form: every field the form has, of the same kind. A draft
 * written by another version of the form that does not fit is dropped rather than half restored.
 */
export function sameShape(template: unknown, value: unknown): boolean {
  if (template === null || value === null) return template === value || template === null;
  if (Array.isArray(template)) return Array.isArray(value);
  if (typeof template !== 'object') return typeof template === typeof value;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(template as Record<string, unknown>).every(([k, v]) => v === undefined || sameShape(v, (value as Record<string, unknown>)[k]));
}

export interface DraftControls {
  /** When the draft shown was saved, if the form opened on one; null when it opened fresh. */
  restoredAt: number | null;
  /** After a save: the draft is done with. */
  clear(): void;
  /** Throws the draft away and puts the form back as it opens fresh. */
  discard(): void;
}

/**
 * useState that keeps its value as the form's draft under `key`: it starts from the draft when
 * there is one (and it fits), and writes every change; a value back to how the form opens is no
 * draft at all.
 */
export function useDraft<T>(key: string, initial: () => T): [T, Dispatch<SetStateAction<T>>, DraftControls] {
  const [start] = useState(() => {
    const fresh = initial();
    const stored = readDraft(key);
    const fits = stored !== null && sameShape(fresh, stored.value);
    if (stored && !fits) removeDraft(key);
    return { value: fits ? (stored.value as T) : fresh, restoredAt: fits ? stored.savedAt : null, pristine: JSON.stringify(fresh) };
  });
  const [value, setValue] = useState<T>(start.value);
  const [restoredAt, setRestoredAt] = useState(start.restoredAt);
  const pristine = useRef(start.pristine);
  const done = useRef(false);
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const first = useRef(true);

  useEffect(() => {
    // The first render writes nothing: a restored draft keeps the time it was typed.
    if (first.current) {
      first.current = false;
      return;
    }
    if (done.current) return;
    if (JSON.stringify(value) === pristine.current) removeDraft(key);
    else writeDraft(key, value);
  }, [key, value]);

  const set = useCallback<Dispatch<SetStateAction<T>>>((next) => {
    done.current = false;
    setValue(next);
  }, []);
  const clear = useCallback(() => {
    done.current = true;
    removeDraft(key);
  }, [key]);
  const discard = useCallback(() => {
    removeDraft(key);
    const fresh = initialRef.current();
    pristine.current = JSON.stringify(fresh);
    done.current = true;
    setValue(fresh);
    setRestoredAt(null);
  }, [key]);
  return [value, set, { restoredAt, clear, discard }];
}
