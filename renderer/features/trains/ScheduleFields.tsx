import { useId } from 'react';
import type { InputIssue } from '../../../shared/result.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
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
  const ids = { cadence: useId(), days: useId(), weekday: useId(), time: useId(), hint: useId(), rotation: useId(), rotationHint: useId(), error: useId() };
  const problem = (path: string) => issueAt(issues, path);
  const errorId = (path: string) => `${ids.error}-${path}`;
  const set = (change: Partial<TrainFormState>) => update((s) => ({ ...s, ...change }));
  const kickoffProblem = problem('firstKickoff');
  return (
    <>
      <fieldset>
        <legend>Cadence and kickoff</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.cadence}>Cadence</label>
            <select id={ids.cadence} className="select" value={form.cadence} onChange={(e) => set({ cadence: e.target.value as Cadence })}>
              <option value="7">Weekly</option>
              <option value="14">Every two weeks</option>
              <option value="custom">Custom (every N days)</option>
            </select>
          </div>
          {form.cadence === 'custom' ? (
            <div className="field">
              <label htmlFor={ids.days}>Every N days</label>
              <input
                id={ids.days}
                className="input"
                type="number"
                min={1}
                max={90}
                step={1}
                value={form.customDays}
                {...invalidProps(problem('cadenceDays'), errorId('cadenceDays'))}
                onChange={(e) => set({ customDays: e.target.value })}
              />
              <FieldError id={errorId('cadenceDays')} message={problem('cadenceDays')} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={ids.weekday}>Kickoff weekday</label>
            <select id={ids.weekday} className="select" value={form.weekday} aria-describedby={ids.hint} onChange={(e) => set({ weekday: Number(e.target.value) })}>
              {WEEKDAYS.map((d) => (
                <option key={d.day} value={d.day}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.time}>Kickoff time (UTC)</label>
            <input
              id={ids.time}
              className="input"
              type="time"
              value={form.time}
              {...invalidProps(kickoffProblem, errorId('firstKickoff'), ids.hint)}
              onChange={(e) => set({ time: e.target.value })}
            />
            <FieldError id={errorId('firstKickoff')} message={kickoffProblem} />
          </div>
        </div>
        <p className="field-hint" id={ids.hint} data-testid="kickoff-hint">
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
      <div className="field">
        <label htmlFor={ids.rotation}>Monitoring rotation</label>
        <input
          id={ids.rotation}
          className="input"
          value={form.rotation}
          placeholder="dana, eli"
          {...invalidProps(problem('rotation'), errorId('rotation'), ids.rotationHint)}
          onChange={(e) => set({ rotation: e.target.value })}
        />
        <p className="field-hint" id={ids.rotationHint}>
          Comma-separated names; one watches each run in turn.
        </p>
        <FieldError id={errorId('rotation')} message={problem('rotation')} />
      </div>
    </>
  );
}
