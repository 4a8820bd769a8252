import { SubmitButton } from './SubmitButton.tsx';
import { SubmitHint } from './SubmitHint.tsx';

/** A form's two buttons: submit and Cancel, with the keyboard way to submit. */
export function SubmitCancel({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="form-buttons">
      <SubmitButton label={label} busy={busy} />
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <SubmitHint />
    </div>
  );
}
