import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { FlagType, type Flag } from '../../../shared/domain/flags.ts';
import type { AppError } from '../../../shared/result.ts';
import { FLAG_TYPE_LABEL } from '../../lib/labels.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { refusalBanner } from '../../lib/refusal.ts';
import { escapeCancels } from '../../lib/escapeCancels.ts';
import { useFormFocus } from '../../lib/useFormFocus.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { ExpiryFields } from './ExpiryFields.tsx';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import { SubmitCancel } from '../../ui/SubmitCancel.tsx';
import { Field, type ControlProps } from '../../ui/Field.tsx';
import { emptyFlagForm, flagToForm, formToInput, problemsFromIssues, type FieldProblems, type FlagField, type FlagFormState } from './flagFormState.ts';

const FIELD_OF_STATE: Partial<Record<keyof FlagFormState, FlagField>> = { expiryKind: 'expiry', date: 'expiry', trainId: 'expiry', trainsAfter: 'expiry', linked: 'linked' };

/** Creates a flag, dark in every environment until someone turns it on, or edits one (`flag`) without touching its states. */
export function FlagForm({ flag, onDone }: { flag?: Flag; onDone: (key: string | null) => void }) {
  const { saveFlag } = useWrites();
  const reads = useReads();
  const releases = useQuery(reads.releases()).data ?? null;
  const trains = useQuery(reads.trains()).data ?? null;
  const titleId = useId();
  // The flag as it was when the form opened: the edit is based on that version, even if the list refreshes meanwhile.
  const [opened] = useState(flag);
  // What is typed is kept as a draft (with the version it was based on) until it is saved or discarded.
  const [draft, setDraft, drafts] = useDraft<{ form: FlagFormState; baseVersion: number }>(opened ? `flag:edit:${opened.key}` : 'flag:new', () => ({
    form: opened ? flagToForm(opened) : emptyFlagForm(),
    baseVersion: opened?.version ?? 0,
  }));
  const form = draft.form;
  // A draft of an edit stays based on the version it was typed on: saving it after someone else's edit is a conflict that says what changed.
  const base = opened ? { ...opened, version: draft.baseVersion || opened.version } : undefined;
  const changedSince = opened !== undefined && drafts.restoredAt !== null && draft.baseVersion !== opened.version;
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const { form: formRef, first, focusInvalid } = useFormFocus<HTMLInputElement>();
  const trainId = form.trainId || trains?.[0]?.train.id || '';
  const unknownLinks = form.linked.filter((id) => !releases?.some((r) => r.id === id));

  const update = (patch: Partial<FlagFormState>) => {
    setDraft((d) => ({ ...d, form: { ...d.form, ...patch } }));
    const fields = Object.keys(patch).map((k) => FIELD_OF_STATE[k as keyof FlagFormState] ?? (k as FlagField));
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([field]) => !fields.includes(field as FlagField))));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const check = formToInput({ ...form, trainId }, base);
    if (!check.ok) {
      setProblems(check.problems);
      focusInvalid();
      return;
    }
    setProblems({});
    setBusy(true);
    const result = await saveFlag(check.input);
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      return onDone(result.value.key);
    }
    const placed = problemsFromIssues(result.error.issues ?? []);
    setProblems(placed.fields);
    setError(refusalBanner(result.error, placed));
    focusInvalid();
  };

  const text = (field: 'description' | 'owner' | 'cleanup', control: ControlProps) => ({ ...control, value: form[field], onChange: (e: { target: { value: string } }) => update({ [field]: e.target.value }) });

  return (
    <form
      ref={formRef}
      className="panel form"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      data-testid={flag ? 'edit-flag-form' : 'new-flag-form'}
      onKeyDown={escapeCancels(() => onDone(null))}
    >
      <h2 id={titleId}>{flag ? <>Edit <span className="mono">{flag.key}</span></> : 'New flag'}</h2>
      <DraftNotice
        restoredAt={drafts.restoredAt}
        onDiscard={drafts.discard}
        note={changedSince ? `The flag has changed since (version ${draft.baseVersion} then, ${opened?.version} now): saving will say what changed.` : undefined}
      />
      <div className="form-grid">
        <Field label="Key" problem={problems.key} hint={flag ? 'The key is what code asks for; it does not change.' : undefined}>
          {(control) =>
            flag ? (
              <input {...control} className="input mono" value={flag.key} readOnly />
            ) : (
              <input {...control} ref={first} className="input mono" value={form.key} maxLength={80} placeholder="checkout.new-flow" onChange={(e) => update({ key: e.target.value })} />
            )
          }
        </Field>
        <Field label="Owner" problem={problems.owner}>
          {(control) => <input ref={flag ? first : undefined} className="input" maxLength={120} placeholder="payments team" {...text('owner', control)} />}
        </Field>
        <Field label="Type" problem={problems.type}>
          {(control) => (
            <select {...control} className="select" value={form.type} onChange={(e) => update({ type: e.target.value as FlagType })}>
              {FlagType.options.map((t) => (
                <option key={t} value={t}>
                  {FLAG_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Description" problem={problems.description}>
        {(control) => <input className="input" maxLength={500} placeholder="What it switches, and why" {...text('description', control)} />}
      </Field>
      <ExpiryFields value={{ ...form, trainId }} trains={trains} problem={problems.expiry} onChange={update} />
      <div className="form-grid">
        <Field label="Cleanup plan" problem={problems.cleanup}>
          {(control) => <textarea className="textarea" rows={3} maxLength={500} placeholder="Remove the old path two trains after 100%" {...text('cleanup', control)} />}
        </Field>
        <Field label="Linked releases" problem={problems.linked} hint="Ctrl or ⌘ + click to choose several.">
          {(control) => (
            <select
              {...control}
              className="select"
              multiple
              size={Math.min(6, Math.max(3, (releases?.length ?? 0) + unknownLinks.length))}
              value={form.linked}
              onChange={(e) => update({ linked: [...e.target.selectedOptions].map((o) => o.value) })}
            >
              {unknownLinks.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
              {releases?.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error ? <ErrorBanner error={error} context="Could not save the flag" /> : null}
      <SubmitCancel label={flag ? 'Save changes' : 'Create flag'} busy={busy} onCancel={() => onDone(null)} />
    </form>
  );
}
