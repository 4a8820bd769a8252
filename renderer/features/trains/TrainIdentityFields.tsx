import { useEffect, useId, useRef } from 'react';
import { TargetKind } from '../../../shared/domain/release.ts';
import type { InputIssue } from '../../../shared/result.ts';
import { TARGET_LABEL } from '../../lib/labels.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { issueAt, slugOf } from './trainFormInput.ts';
import type { FormMode, TrainFormState } from './trainFormState.ts';

interface Props {
  form: TrainFormState;
  mode: FormMode;
  issues: readonly InputIssue[];
  update: (f: (s: TrainFormState) => TrainFormState) => void;
}

/** Name, id, app and target; the id is fixed once the train exists, since runs, ticks and releases refer to it. */
export function TrainIdentityFields({ form, mode, issues, update }: Props) {
  const ids = { name: useId(), id: useId(), idHint: useId(), app: useId(), target: useId(), error: useId() };
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const problem = (path: string) => issueAt(issues, path);
  const errorId = (path: string) => `${ids.error}-${path}`;
  const invalid = (path: string) => invalidProps(problem(path), errorId(path));
  const editing = mode.kind === 'edit';
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} ref={first} className="input" value={form.name} maxLength={120} placeholder="Checkout API weekly" {...invalid('name')} onChange={(e) => update((s) => ({ ...s, name: e.target.value }))} />
        <FieldError id={errorId('name')} message={problem('name')} />
      </div>
      <div className="field">
        <label htmlFor={ids.id}>Id (slug)</label>
        <input
          id={ids.id}
          className="input mono"
          value={editing ? mode.original.id : slugOf(form)}
          readOnly={editing}
          maxLength={64}
          placeholder="checkout-api-weekly"
          {...invalidProps(problem('id'), errorId('id'), ids.idHint)}
          onChange={(e) => update((s) => ({ ...s, idTouched: true, id: e.target.value }))}
        />
        <p className="field-hint" id={ids.idHint}>
          {editing ? 'Fixed: runs, ticks and releases refer to it.' : 'Lower-case letters, digits and -; made from the name until you change it.'}
        </p>
        <FieldError id={errorId('id')} message={problem('id')} />
      </div>
      <div className="field">
        <label htmlFor={ids.app}>App</label>
        <input id={ids.app} className="input" value={form.app} maxLength={120} placeholder="checkout-api" {...invalid('app')} onChange={(e) => update((s) => ({ ...s, app: e.target.value }))} />
        <FieldError id={errorId('app')} message={problem('app')} />
      </div>
      <div className="field">
        <label htmlFor={ids.target}>Target</label>
        <select id={ids.target} className="select" value={form.target} {...invalid('target')} onChange={(e) => update((s) => ({ ...s, target: e.target.value as TargetKind }))}>
          {TargetKind.options.map((t) => (
            <option key={t} value={t}>
              {TARGET_LABEL[t]}
            </option>
          ))}
        </select>
        <FieldError id={errorId('target')} message={problem('target')} />
      </div>
    </div>
  );
}
