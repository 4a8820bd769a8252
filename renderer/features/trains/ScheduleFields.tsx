import { useId } from 'react';
import type { InputIssue } from '../../../shared/result.ts';
import { Field } from '../../ui/Field.tsx';
import { formatUtc, WEEKDAYS } from './kickoff.ts';
import { issueAt, type Kickoff } from './trainFormInput.ts';
import type { Cadence, FormMode, TrainFormState } from './trainFormState.ts';

interface Props {
  form: TrainFormState;
  mode: FormMode;
  kickoff: Kickoff | null;
  issues: readonly InputIssue[];
  update: (f: (s: TrainFormState) => TrainFormState) => void;
}

/** Cadence, kickoff weekday and time (UTC), and the monitoring rotation. */
export function ScheduleFields({ form, mode, kickoff, issues, update }: Props) {
  const hintId = useId();
  const problem = (path: string) => issueAt(issues, path);
  const set = (change: Partial<TrainFormState>) => update((s) => ({ ...s, ...change }));
  const kickoffProblem = problem('firstKickoff');
  return (
    <>
      <fieldset>
        <legend>Cadence and kickoff</legend>
        <div className="form-grid">
          <Field label="Cadence">
            {(control) => (
              <select {...control} className="select" value={form.cadence} onChange={(e) => set({ cadence: e.target.value as Cadence })}>
                <option value="7">Weekly</option>
                <option value="14">Every two weeks</option>
                <option value="custom">Custom (every N days)</option>
              </select>
            )}
          </Field>
          {form.cadence === 'custom' ? (
            <Field label="Every N days" problem={problem('cadenceDays')}>
              {(control) => <input {...control} className="input" type="number" min={1} max={90} step={1} value={form.customDays} onChange={(e) => set({ customDays: e.target.value })} />}
            </Field>
          ) : null}
          <Field label="Kickoff weekday" alsoDescribedBy={hintId}>
            {(control) => (
              <select {...control} className="select" value={form.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })}>
                {WEEKDAYS.map((d) => (
                  <option key={d.day} value={d.day}>
                    {d.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Kickoff time (UTC)" problem={kickoffProblem} alsoDescribedBy={hintId}>
            {(control) => <input {...control} className="input" type="time" value={form.time} onChange={(e) => set({ time: e.target.value })} />}
          </Field>
        </div>
        <p className="field-hint" id={hintId} data-testid="kickoff-hint">
          {mode.kind === 'new'
            ? 'The first run kicks off at the most recent such weekday and time at or before now, so the current run is already in progress'
            : `The run in progress keeps its number, #${(kickoff?.run ?? 0) + 1}, with its ticks and releases; it kicks off`}
          {kickoff ? (
            <>
              : <strong>{formatUtc(kickoff.kickoffAt)}</strong>
            </>
          ) : null}
          . Later runs follow the cadence.
        </p>
      </fieldset>
      <Field label="Monitoring rotation" problem={problem('rotation')} hint="Comma-separated names; one watches each run in turn.">
        {(control) => <input {...control} className="input" value={form.rotation} placeholder="dana, eli" onChange={(e) => set({ rotation: e.target.value })} />}
      </Field>
    </>
  );
}
