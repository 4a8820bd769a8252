import { SubmitHint } from './SubmitHint.tsx';

/** A form's two buttons: submit (marked busy, not disabled, so focus stays while it saves) and Cancel; Ctrl/⌘+Enter submits too. */
export function SubmitCancel({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="form-buttons">
      <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined} aria-keyshortcuts="Control+Enter Meta+Enter">
        {label}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <SubmitHint />
    </div>
  );
}
