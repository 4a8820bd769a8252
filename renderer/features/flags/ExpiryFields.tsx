import { useId } from 'react';
import type { TrainView } from '../../../shared/domain/views.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { MAX_TRAINS_AFTER, type FlagFormState } from './flagFormState.ts';

type ExpiryPart = Pick<FlagFormState, 'expiryKind' | 'date' | 'trainId' | 'trainsAfter'>;

const KINDS = [
  ['none', 'None'],
  ['date', 'On a date'],
  ['train', 'Trains after 100%'],
] as const;

/** When a flag expires: never, on a day, or a number of trains after a train's full release. */
export function ExpiryFields({ value, trains, problem, onChange }: { value: ExpiryPart; trains: readonly TrainView[] | null; problem: string | undefined; onChange: (patch: Partial<ExpiryPart>) => void }) {
  const ids = { date: useId(), train: useId(), n: useId(), problem: useId() };
  const invalid = invalidProps(problem, ids.problem);
  // A flag may count from a train this screen has not loaded (or that is gone): still show which.
  const unknownTrain = value.trainId !== '' && !trains?.some((t) => t.train.id === value.trainId);
  return (
    <fieldset>
      <legend>Expiry</legend>
      <div className="choice-row">
        {KINDS.map(([kind, label]) => (
          <label key={kind}>
            <input type="radio" name="flag-expiry" value={kind} checked={value.expiryKind === kind} onChange={() => onChange({ expiryKind: kind })} />
            {label}
          </label>
        ))}
      </div>
      {value.expiryKind === 'date' ? (
        <div className="field inline-field">
          <label htmlFor={ids.date}>Expires on</label>
          <input id={ids.date} className="input" type="date" value={value.date} {...invalid} onChange={(e) => onChange({ date: e.target.value })} />
        </div>
      ) : null}
      {value.expiryKind === 'train' ? (
        <div className="form-grid inline-field">
          <div className="field">
            <label htmlFor={ids.n}>Trains after 100%</label>
            <input id={ids.n} className="input" type="number" min={0} max={MAX_TRAINS_AFTER} value={value.trainsAfter} {...invalid} onChange={(e) => onChange({ trainsAfter: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.train}>Counted on train</label>
            <select id={ids.train} className="select" value={value.trainId} onChange={(e) => onChange({ trainId: e.target.value })}>
              {trains?.length || unknownTrain ? null : <option value="">No trains yet</option>}
              {unknownTrain ? <option value={value.trainId}>{value.trainId}</option> : null}
              {trains?.map((t) => (
                <option key={t.train.id} value={t.train.id}>
                  {t.train.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      <FieldError id={ids.problem} message={problem} />
    </fieldset>
  );
}
