import type { AppError } from '../../shared/result.ts';
import { DialogError } from './DialogError.tsx';
import { SubmitButton } from './SubmitButton.tsx';
import { SubmitHint } from './SubmitHint.tsx';

/** A form dialog's end: the host's refusal, then the keyboard hint, Cancel and submit. */
export function DialogActions({ error, label, danger = false, busy, onCancel }: { error: AppError | null; label: string; danger?: boolean; busy: boolean; onCancel: () => void }) {
  return (
    <>
      <DialogError error={error} />
      <div className="dialog-buttons">
        <SubmitHint />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <SubmitButton label={label} busy={busy} className={danger ? 'button danger' : 'button primary'} />
      </div>
    </>
  );
}
