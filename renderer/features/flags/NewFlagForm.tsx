import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FlagKey, FlagType, type FlagExpiry } from '../../../shared/domain/flags.ts';
import type { AppError } from '../../../shared/result.ts';
import { FLAG_TYPE_LABEL } from '../../lib/labels.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';

type ExpiryKind = FlagExpiry['kind'];

/** A new flag, dark in every environment until someone turns it on. */
export function NewFlagForm({ onDone }: { onDone: (key: string | null) => void }) {
  const saveFlag = useStore((s) => s.saveFlag);
  const releases = useStore((s) => s.releases);
  const trains = useStore((s) => s.trains);
  const ids = { key: useId(), description: useId(), owner: useId(), type: useId(), date: useId(), train: useId(), n: useId(), cleanup: useId(), linked: useId(), linkedHint: useId() };
  const [key, setKey] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [type, setType] = useState<FlagType>('release');
  const [expiryKind, setExpiryKind] = useState<ExpiryKind>('train');
  const [date, setDate] = useState('');
  const [trainId, setTrainId] = useState('');
  const [trainsAfter, setTrainsAfter] = useState('2');
  const [cleanup, setCleanup] = useState('');
  const [linked, setLinked] = useState<string[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const chosenTrain = trainId || trains?.[0]?.train.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: string[] = [];
    const keyCheck = FlagKey.safeParse(key.trim());
    if (!keyCheck.success) problems.push(`Key: ${keyCheck.error.issues[0]?.message ?? 'not a valid key'}`);
    if (!description.trim()) problems.push('Say what the flag is for.');
    if (!owner.trim()) problems.push('Name its owner.');
    let expiry: FlagExpiry = { kind: 'none' };
    if (expiryKind === 'date') {
      const at = Date.parse(`${date}T23:59:59`);
      if (!date || Number.isNaN(at)) problems.push('Pick the expiry date.');
      else expiry = { kind: 'date', at };
    } else if (expiryKind === 'train') {
      const n = Number(trainsAfter);
      if (!chosenTrain) problems.push('Pick the train its expiry counts from (or choose another expiry).');
      else if (!Number.isInteger(n) || n < 0 || n > 52) problems.push('The number of trains goes from 0 to 52.');
      else expiry = { kind: 'train', trainId: chosenTrain, trainsAfterFull: n };
    }
    if (problems.length) {
      setError({ code: 'invalid_input', message: problems.join(' ') });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await saveFlag({ key: key.trim(), description: description.trim(), owner: owner.trim(), type, expiry, cleanup: cleanup.trim(), linkedReleases: linked });
    setBusy(false);
    if (result.ok) onDone(result.value.key);
    else setError(result.error);
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="new-flag-title" data-testid="new-flag-form">
      <h2 id="new-flag-title">New flag</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.key}>Key</label>
          <input id={ids.key} ref={first} className="input mono" value={key} maxLength={80} placeholder="checkout.new-flow" onChange={(e) => setKey(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.owner}>Owner</label>
          <input id={ids.owner} className="input" value={owner} maxLength={120} placeholder="payments team" onChange={(e) => setOwner(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.type}>Type</label>
          <select id={ids.type} className="select" value={type} onChange={(e) => setType(e.target.value as FlagType)}>
            {FlagType.options.map((t) => (
              <option key={t} value={t}>
                {FLAG_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.description}>Description</label>
        <input id={ids.description} className="input" value={description} maxLength={500} placeholder="What it switches, and why" onChange={(e) => setDescription(e.target.value)} />
      </div>
      <fieldset>
        <legend>Expiry</legend>
        <div className="choice-row">
          {(
            [
              ['none', 'None'],
              ['date', 'On a date'],
              ['train', 'Trains after 100%'],
            ] as const
          ).map(([k, label]) => (
            <label key={k}>
              <input type="radio" name="flag-expiry" value={k} checked={expiryKind === k} onChange={() => setExpiryKind(k)} />
              {label}
            </label>
          ))}
        </div>
        {expiryKind === 'date' ? (
          <div className="field inline-field">
            <label htmlFor={ids.date}>Expires on</label>
            <input id={ids.date} className="input" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
        ) : null}
        {expiryKind === 'train' ? (
          <div className="form-grid inline-field">
            <div className="field">
              <label htmlFor={ids.n}>Trains after 100%</label>
              <input id={ids.n} className="input" type="number" min={0} max={52} value={trainsAfter} onChange={(e) => setTrainsAfter(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.train}>Counted on train</label>
              <select id={ids.train} className="select" value={chosenTrain} onChange={(e) => setTrainId(e.target.value)}>
                {trains?.length ? null : <option value="">No trains yet</option>}
                {trains?.map((t) => (
                  <option key={t.train.id} value={t.train.id}>
                    {t.train.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.cleanup}>Cleanup plan</label>
          <textarea id={ids.cleanup} className="textarea" rows={3} maxLength={500} value={cleanup} placeholder="Remove the old path two trains after 100%" onChange={(e) => setCleanup(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.linked}>Linked releases</label>
          <select
            id={ids.linked}
            className="select"
            multiple
            size={Math.min(6, Math.max(3, releases?.length ?? 3))}
            value={linked}
            aria-describedby={ids.linkedHint}
            onChange={(e) => setLinked([...e.target.selectedOptions].map((o) => o.value))}
          >
            {releases?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <p className="field-hint" id={ids.linkedHint}>
            Ctrl or ⌘ + click to choose several.
          </p>
        </div>
      </div>
      {error ? <ErrorBanner error={error} context="Could not save the flag" /> : null}
      <div className="form-buttons">
        <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
          Create flag
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
