import { useId } from 'react';
import { PHASE_LABELS } from '../../../shared/domain/trains.ts';
import type { InputIssue } from '../../../shared/result.ts';
import { ChecklistEditor } from './ChecklistEditor.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatUtc } from './kickoff.ts';
import { issueAt, type Kickoff } from './trainFormInput.ts';
import { updatePhase, type TrainFormState } from './trainFormState.ts';
import { DAY_MS } from '../../../shared/time.ts';


interface Props {
  form: TrainFormState;
  kickoff: Kickoff | null;
  issues: readonly InputIssue[];
  update: (f: (s: TrainFormState) => TrainFormState) => void;
}

/** The phases in their fixed order: when each starts, who owns it, what its checklist asks. */
export function PhaseEditor({ form, kickoff, issues, update }: Props) {
  const hintId = useId();
  return (
    <fieldset className="phase-editor">
      <legend>Phases</legend>
      <p className="field-hint" id={hintId}>
        Each phase starts a number of days after the run’s kickoff, in time order. Dates shown are for{' '}
        {kickoff && kickoff.run > 0 ? `run #${kickoff.run + 1}, the run in progress` : 'the first run'} (UTC).
      </p>
      <ol className="phase-editor-list">
        {form.phases.map((p, i) => (
          <PhaseRow key={p.phase} form={form} index={i} kickoff={kickoff} issues={issues} update={update} hintId={hintId} />
        ))}
      </ol>
    </fieldset>
  );
}

function PhaseRow({ form, index, kickoff, issues, update, hintId }: Props & { index: number; hintId: string }) {
  const phase = form.phases[index]!;
  const label = PHASE_LABELS[phase.phase];
  const dayProblem = issueAt(issues, `phases.${index}.offsetDays`);
  const ownerProblem = issueAt(issues, `phases.${index}.owner`);
  const day = Number(phase.offsetDays);
  const startsAt = kickoff && phase.offsetDays.trim() !== '' && Number.isFinite(day) ? kickoff.kickoffAt + day * DAY_MS : null;
  return (
    <li className="phase-editor-row" data-testid={`phase-editor-${phase.phase}`}>
      <fieldset>
        <legend>{label}</legend>
        <div className="phase-editor-fields">
          <Field className="field phase-day" label="Day after kickoff" problem={dayProblem} hint={startsAt !== null ? formatUtc(startsAt) : '—'} hintTestId={`phase-date-${phase.phase}`} alsoDescribedBy={hintId}>
            {(control) => (
              <input {...control} className="input" type="number" min={0} max={90} step={1} value={phase.offsetDays} onChange={(e) => update((s) => updatePhase(s, index, { offsetDays: e.target.value }))} />
            )}
          </Field>
          <Field label="Owner" problem={ownerProblem}>
            {(control) => <input {...control} className="input" value={phase.owner} maxLength={80} onChange={(e) => update((s) => updatePhase(s, index, { owner: e.target.value }))} />}
          </Field>
        </div>
        <ChecklistEditor form={form} index={index} label={label} issues={issues} update={update} />
      </fieldset>
    </li>
  );
}
