import { formatWhen } from '../lib/format.ts';

/** Says the form opened on what was typed before and not saved, and offers to throw it away. */
export function DraftNotice({ restoredAt, onDiscard, note }: { restoredAt: number | null; onDiscard: () => void; note?: string | undefined }) {
  if (restoredAt === null) return null;
  return (
    <div className="draft-notice" role="status" data-testid="draft-notice">
      <span>
        Draft restored: typed at {formatWhen(restoredAt)}, not saved yet.{note ? ` ${note}` : ''}
      </span>
      <button type="button" className="button small" onClick={onDiscard}>
        Discard draft
      </button>
    </div>
  );
}
