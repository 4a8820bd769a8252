import { useId, useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/domain/connections.ts';
import type { AppError } from '../../../shared/result.ts';
import { useWrites } from '../../api/ApiProvider.tsx';
import { DialogError } from '../../ui/DialogError.tsx';
import { ModalDialog } from '../../ui/ModalDialog.tsx';

/** Asks before removing: the connection and its secrets go, and a release reading from it keeps it in place. */
export function RemoveConnectionDialog({ connection, onClose }: { connection: ConnectionView; onClose: (removed: boolean) => void }) {
  const { removeConnection } = useWrites();
  const cancel = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), text: useId() };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    const result = await removeConnection({ id: connection.id, expectedVersion: connection.version });
    setBusy(false);
    if (result.ok) onClose(true);
    else setError(result.error);
  };

  return (
    // The safe choice has focus: Enter alone does not remove anything.
    <ModalDialog className="dialog" aria-labelledby={ids.title} aria-describedby={ids.text} data-testid="remove-connection-dialog" initialFocus={cancel} onClose={() => onClose(false)}>
      <h2 id={ids.title}>Remove {connection.name}?</h2>
      <p id={ids.text}>
        Its settings and its secrets are deleted from this data folder. Releases whose metric mappings read from it must be pointed at another connection first.
      </p>
      <DialogError error={error} />
      <div className="dialog-buttons">
        <button ref={cancel} type="button" className="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" className="button danger" aria-busy={busy || undefined} aria-disabled={busy || undefined} onClick={() => void remove()}>
          Remove connection
        </button>
      </div>
    </ModalDialog>
  );
}
