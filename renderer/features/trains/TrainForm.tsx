import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useState, type FormEvent, type SetStateAction } from 'react';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import type { TrainView } from '../../../shared/domain/views.ts';
import type { AppError, InputIssue } from '../../../shared/result.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { PhaseEditor } from './PhaseEditor.tsx';
import { PlanFields } from './PlanFields.tsx';
import { ScheduleFields } from './ScheduleFields.tsx';
import { TrainIdentityFields } from './TrainIdentityFields.tsx';
import { formToInput, kickoffOf } from './trainFormInput.ts';
import { blankForm, formFromTrain, type FormMode, type TrainFormState } from './trainFormState.ts';
import { SubmitCancel } from '../../ui/SubmitCancel.tsx';

interface Props {
  mode: FormMode;
  onCancel: () => void;
  onSaved: (view: TrainView) => void;
}

/** A train made or edited: what it ships, its cadence and rotation, its six phases with owners and checklists, its plan. */
export function TrainForm({ mode: opened, onCancel, onSaved }: Props) {
  const { saveTrain } = useWrites();
  const trains = useQuery(useReads().trains()).data ?? null;
  const titleId = useId();
  // All 35-odd fields are a draft until saved: a reload or another page loses none of them. An edit's
  // draft keeps the version it was typed on, so saving it over someone else's edit is a conflict.
  const [draft, setDraft, drafts] = useDraft<{ form: TrainFormState; version: number }>(opened.kind === 'edit' ? `train:edit:${opened.original.id}` : 'train:new', () => ({
    form: opened.kind === 'edit' ? formFromTrain(opened.original, opened.openedAt) : blankForm(),
    version: opened.kind === 'edit' ? opened.version : 0,
  }));
  const form = draft.form;
  const setForm = useCallback((next: SetStateAction<TrainFormState>) => setDraft((d) => ({ ...d, form: typeof next === 'function' ? next(d.form) : next })), [setDraft]);
  const mode: FormMode = opened.kind === 'edit' ? { ...opened, version: draft.version || opened.version } : opened;
  const changedSince = opened.kind === 'edit' && drafts.restoredAt !== null && draft.version !== opened.version;
  // The form's own checks and the host's answer land here alike, by field path, and show next to their fields.
  const [issues, setIssues] = useState<InputIssue[]>([]);
  const [planIssues, setPlanIssues] = useState<InputIssue[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = mode.kind === 'edit';
  // Computed when shown and again when sent, so a form left open across a kickoff stays right.
  const kickoff = kickoffOf(form, mode, Date.now());
  const fields = { form, mode, issues, update: setForm };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = formToInput(form, mode, Date.now(), trains?.map((t) => t.train.id) ?? []);
    setIssues(checked.issues);
    setPlanIssues(checked.planIssues);
    setError(null);
    if (!checked.input) return;
    setBusy(true);
    const result = await saveTrain(checked.input);
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      onSaved(result.value);
    } else {
      setError(result.error);
      setIssues(result.error.issues ?? []);
    }
  };

  return (
    <form className="panel form train-form" onSubmit={submit} noValidate aria-labelledby={titleId} data-testid={editing ? 'edit-train-form' : 'new-train-form'}>
      <h2 id={titleId}>{mode.kind === 'edit' ? `Edit ${mode.original.name}` : 'New train'}</h2>
      <DraftNotice
        restoredAt={drafts.restoredAt}
        onDiscard={drafts.discard}
        note={changedSince ? 'The train has changed since: saving will say what changed.' : undefined}
      />
      <TrainIdentityFields {...fields} />
      <ScheduleFields {...fields} kickoff={kickoff} />
      <PhaseEditor form={form} kickoff={kickoff} issues={issues} update={setForm} />
      <PlanFields {...fields} planIssues={planIssues} setPlanIssues={setPlanIssues} />
      {issues.length > 0 && !error ? (
        <div className="error-banner" role="alert" data-testid="train-form-problems">
          <strong>Not saved yet; the fields say why:</strong>
          <ul>
            {issues.map((issue, i) => (
              <li key={`${issue.path}-${i}`}>{issue.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? <ErrorBanner error={error} context="Could not save the train" /> : null}
      <SubmitCancel label={editing ? 'Save train' : 'Create train'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
