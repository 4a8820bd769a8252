/** A form's submit button: marked busy, not disabled, so focus stays while it saves; Ctrl/⌘+Enter submits too. */
export function SubmitButton({ label, busy, className = 'button primary' }: { label: string; busy: boolean; className?: string }) {
  return (
    <button type="submit" className={className} aria-busy={busy || undefined} aria-disabled={busy || undefined} aria-keyshortcuts="Control+Enter Meta+Enter">
      {label}
    </button>
  );
}
