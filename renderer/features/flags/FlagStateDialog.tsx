import { useId, useRef, useState, type FormEvent } from 'react';
import type { Environment, Flag, FlagState } from '../../../shared/domain/flags.ts';
import type { AppError } from '../../../shared/result.ts';
import { ENVIRONMENT_LABEL } from '../../lib/labels.ts';
import { useWrites } from '../../api/ApiProvider.tsx';
import { reasonProblem } from '../../lib/reason.ts';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { ReasonField } from '../../ui/ReasonField.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { stateText } from './attention.ts';

/** Sets a flag off, on or to a percentage in one environment, with a reason; recorded only when the host accepts it. */
export function FlagStateDialog({ flag, environment, onClose }: { flag: Flag; environment: Environment; onClose: () => void }) {
  const { setFlagState } = useWrites();
  const current = flag.states[environment];
  const first = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const pctRef = useRef<HTMLInputElement>(null);
  // Kept as a draft per flag and environment until it is set or discarded.
  const [draft, setDraft, drafts] = useDraft(`flagState:${flag.key}:${environment}`, () => ({
    // Null until chosen: a draft of the reason alone never brings back a state someone has changed since.
    mode: null as FlagState['mode'] | null,
    pct: null as string | null,
    reason: '',
  }));
  const { reason } = draft;
  const mode = draft.mode ?? current?.mode ?? 'off';
  const pct = draft.pct ?? String(current?.mode === 'percentage' ? current.pct : 10);
  const setMode = (mode: FlagState['mode']) => setDraft((d) => ({ ...d, mode }));
  const setPct = (pct: string) => setDraft((d) => ({ ...d, pct }));
  const setReason = (reason: string) => setDraft((d) => ({ ...d, reason }));
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [pctProblem, setPctProblem] = useState<string | null>(null);
  const ids = { title: useId(), pct: useId(), pctProblem: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const p = Number(pct);
    const invalidPct = mode === 'percentage' && (pct.trim() === '' || !(p >= 0 && p <= 100)) ? 'The percentage goes from 0 to 100.' : null;
    const invalid = reasonProblem(reason);
    setPctProblem(invalidPct);
    setProblem(invalid);
    if (invalidPct) {
      pctRef.current?.focus();
      return;
    }
    if (invalid) {
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await setFlagState({ key: flag.key, environment, state: { mode, pct: mode === 'percentage' ? p : 0 }, reason: reason.trim() });
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      onClose();
    } else setError(result.error);
  };

  return (
    <ModalDialog className="dialog" aria-labelledby={ids.title} data-testid="flag-state-dialog" initialFocus={first} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={ids.title}>
          Set <span className="mono">{flag.key}</span> in {ENVIRONMENT_LABEL[environment].toLowerCase()}
        </h2>
        <DraftNotice restoredAt={drafts.restoredAt} onDiscard={drafts.discard} />
        <p className="muted flag-dialog-now">Now: {stateText(current)}</p>
        <fieldset className="flag-mode">
          <legend>State</legend>
          <div className="choice-row">
            {(['off', 'on', 'percentage'] as const).map((m) => (
              <label key={m}>
                <input ref={m === (current?.mode ?? 'off') ? first : undefined} type="radio" name="flag-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {m === 'off' ? 'Off' : m === 'on' ? 'On' : 'Percentage'}
              </label>
            ))}
          </div>
          {mode === 'percentage' ? (
            <div className="field">
              <label htmlFor={ids.pct}>Percentage of users</label>
              <input
                id={ids.pct}
                ref={pctRef}
                className="input"
                type="number"
                min={0}
                max={100}
                step={1}
                value={pct}
                {...invalidProps(pctProblem ?? undefined, ids.pctProblem)}
                onChange={(e) => {
                  setPct(e.target.value);
                  if (pctProblem) setPctProblem(null);
                }}
              />
              <FieldError id={ids.pctProblem} message={pctProblem ?? undefined} />
            </div>
          ) : null}
        </fieldset>
        <ReasonField value={reason} onChange={setReason} problem={problem} setProblem={setProblem} textareaRef={reasonRef} rows={3} placeholder="Why this change, now?" />
        <DialogActions error={error} label="Set state" busy={busy} onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
