import { useEffect, useId, useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/domain/connections.ts';
import type { AppError } from '../../../shared/result.ts';
import { useWrites } from '../../api/ApiProvider.tsx';

/** Asks before removing: the connection and its secrets go, and a release reading from it keeps it in place. */
export function RemoveConnectionDialog({ connection, onClose }: { connection: ConnectionView; onClose: (removed: boolean) => void }) {
  const { removeConnection } = useWrites();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), text: useId() };

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (!el.open) el.showModal();
    // The safe choice has focus: Enter alone does not remove anything.
    cancel.current?.focus();
    return () => el.close();
  }, []);

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    const result = await removeConnection({ id: connection.id, expectedVersion: connection.version });
    setBusy(false);
    if (result.ok) onClose(true);
    else setError(result.error);
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.text}
      data-testid="remove-connection-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={ids.title}>Remove {connection.name}?</h2>
      <p id={ids.text}>
        Its settings and its secrets are deleted from this data folder. Releases whose metric mappings read from it must be pointed at another connection first.
      </p>
      {error ? (
        <p className="dialog-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="dialog-buttons">
        <button ref={cancel} type="button" className="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" className="button danger" aria-busy={busy || undefined} aria-disabled={busy || undefined} onClick={() => void remove()}>
          Remove connection
        </button>
      </div>
    </dialog>
  );
}
