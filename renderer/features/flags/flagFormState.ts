import type { Input } from '../../../shared/contract.ts';
import { FlagKey, type Flag, type FlagExpiry, type FlagType } from '../../../shared/domain/flags.ts';
import type { InputIssue } from '../../../shared/result.ts';
import { localDay } from '../../lib/format.ts';

/** What the flag form holds: text as typed, so a half-typed number or date survives until it is checked. */
export interface FlagFormState {
  key: string;
  description: string;
  owner: string;
  type: FlagType;
  expiryKind: FlagExpiry['kind'];
  /** A local calendar day, YYYY-MM-DD, as a date input gives it. */
  date: string;
  trainId: string;
  trainsAfter: string;
  cleanup: string;
  linked: string[];
}

export type FlagField = 'key' | 'description' | 'owner' | 'type' | 'expiry' | 'cleanup' | 'linked';
export type FieldProblems = Partial<Record<FlagField, string>>;
export type SaveFlagInput = Input<'saveFlag'>;

export const MAX_TRAINS_AFTER = 52;

/** A new flag expires by default two trains after 100 %, the usual life of a release flag. */
export function emptyFlagForm(): FlagFormState {
  return { key: '', description: '', owner: '', type: 'release', expiryKind: 'train', date: '', trainId: '', trainsAfter: '2', cleanup: '', linked: [] };
}


/** A flag expires at the end of the chosen local day; null for anything but a real YYYY-MM-DD day. */
export function endOfDay(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const at = Date.parse(`${day}T23:59:59`);
  return Number.isNaN(at) || localDay(at) !== day ? null : at;
}

export function flagToForm(flag: Flag): FlagFormState {
  const form: FlagFormState = {
    ...emptyFlagForm(),
    key: flag.key,
    description: flag.description,
    owner: flag.owner,
    type: flag.type,
    expiryKind: flag.expiry.kind,
    cleanup: flag.cleanup,
    linked: [...flag.linkedReleases],
  };
  if (flag.expiry.kind === 'date') form.date = localDay(flag.expiry.at);
  if (flag.expiry.kind === 'train') {
    form.trainId = flag.expiry.trainId;
    form.trainsAfter = String(flag.expiry.trainsAfterFull);
  }
  return form;
}

export type FormCheck = { ok: true; input: SaveFlagInput } | { ok: false; problems: FieldProblems };

function expiryOf(form: FlagFormState, original: Flag | undefined): FlagExpiry | string {
  if (form.expiryKind === 'none') return { kind: 'none' };
  if (form.expiryKind === 'date') {
    // An untouched day keeps its exact instant, so opening and saving an edit changes nothing.
    if (original?.expiry.kind === 'date' && localDay(original.expiry.at) === form.date) return original.expiry;
    const at = endOfDay(form.date);
    return at === null ? 'Pick the expiry date.' : { kind: 'date', at };
  }
  const n = Number(form.trainsAfter);
  if (!form.trainId) return 'Pick the train its expiry counts from (or choose another expiry).';
  if (form.trainsAfter.trim() === '' || !Number.isInteger(n) || n < 0 || n > MAX_TRAINS_AFTER) return `The number of trains goes from 0 to ${MAX_TRAINS_AFTER}.`;
  return { kind: 'train', trainId: form.trainId, trainsAfterFull: n };
}

/** Checks the form as the host would and says what is wrong per field; `original` is the flag being edited, as it was when the form opened. */
export function formToInput(form: FlagFormState, original?: Flag): FormCheck {
  const problems: FieldProblems = {};
  const key = original ? original.key : form.key.trim();
  const keyCheck = FlagKey.safeParse(key);
  if (!keyCheck.success) problems.key = keyCheck.error.issues[0]?.message ?? 'not a valid key';
  if (!form.description.trim()) problems.description = 'Say what the flag is for.';
  if (!form.owner.trim()) problems.owner = 'Name its owner.';
  const expiry = expiryOf(form, original);
  if (typeof expiry === 'string') problems.expiry = expiry;
  if (Object.keys(problems).length > 0 || typeof expiry === 'string') return { ok: false, problems };
  return {
    ok: true,
    input: {
      key,
      description: form.description.trim(),
      owner: form.owner.trim(),
      type: form.type,
      expiry,
      cleanup: form.cleanup.trim(),
      linkedReleases: [...new Set(form.linked)],
      // An edit names the version it was opened on, so the host can refuse it if someone saved in between.
      ...(original ? { baseVersion: original.version } : {}),
    },
  };
}

const FIELD_OF_INPUT = new Map<string, FlagField>([
  ['key', 'key'],
  ['description', 'description'],
  ['owner', 'owner'],
  ['type', 'type'],
  ['expiry', 'expiry'],
  ['cleanup', 'cleanup'],
  ['linkedReleases', 'linked'],
]);

/** Puts the host's `invalid_input` issues next to the fields they name (`expiry.trainId` goes with the expiry); the rest stay general. */
export function problemsFromIssues(issues: readonly InputIssue[]): { fields: FieldProblems; rest: InputIssue[] } {
  const fields: FieldProblems = {};
  const rest: InputIssue[] = [];
  for (const issue of issues) {
    const field = FIELD_OF_INPUT.get(issue.path.split('.')[0] ?? '');
    if (!field) rest.push(issue);
    else fields[field] = fields[field] ? `${fields[field]}; ${issue.message}` : issue.message;
  }
  return { fields, rest };
}
