import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Action } from '../../../shared/domain/release.ts';
import type { AppError } from '../../../shared/result.ts';
import { ACTION_LABEL } from '../../lib/labels.ts';
import { useStore } from '../../store/context.tsx';
import { reasonProblem } from './reason.ts';

interface Props {
  action: Action;
  releaseName: string;
  onClose: () => void;
}

/**
 * A modal <dialog>: the browser makes the page behind it inert and handles Escape. The decision
 * is recorded only when the host accepts it; its error is shown here, in the dialog.
 */
export function DecisionDialog({ action, releaseName, onClose }: Props) {
  const decide = useStore((s) => s.decide);
  const dialog = useRef<HTMLDialogElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const reasonId = useId();
  const problemId = useId();
  const title = `${ACTION_LABEL[action]} ${releaseName}`;

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (!el.open) el.showModal();
    textarea.current?.focus();
    return () => el.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const invalid = reasonProblem(reason);
    setProblem(invalid);
    if (invalid) {
      textarea.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await decide(action, reason.trim());
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <dialog
      ref={dialog}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      className="dialog"
      // Escape fires "cancel"; keep React in charge of closing. "close" covers the browser closing it anyway.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{title}</h2>
        <label htmlFor={reasonId}>Reason</label>
        <textarea
          id={reasonId}
          ref={textarea}
          value={reason}
          rows={4}
          required
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            if (problem) setProblem(reasonProblem(event.target.value));
          }}
          placeholder="What did you see, and why this action?"
        />
        {problem ? (
          <p id={problemId} className="field-error">
            {problem}
          </p>
        ) : null}
        {error ? (
          <p className="dialog-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
            Record decision
          </button>
        </div>
      </form>
    </dialog>
  );
}
