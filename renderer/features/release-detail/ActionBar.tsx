import { useEffect, useRef, useState } from 'react';
import type { Action, ReleaseDetail } from '../../../shared/domain/release.ts';
import { formatDuration } from '../../lib/format.ts';
import { ACTION_LABEL, ACTION_ORDER } from '../../lib/labels.ts';
import { useRole } from '../../api/useInfo.ts';
import { useStore } from '../../store/context.tsx';
import { DecisionDialog } from './DecisionDialog.tsx';
import { hasDraft } from '../../lib/drafts.ts';

const TONE: Partial<Record<Action, string>> = { start: 'primary', promote: 'primary', complete: 'primary', halt: 'danger', rollback: 'danger' };

/** Exactly the actions the host allows now; none at all for a read-only session. */
export function ActionBar({ detail }: { detail: ReleaseDetail }) {
  const role = useRole();
  const [pending, setPending] = useState<Action | null>(null);
  const lastAction = useRef<Action | null>(null);
  const buttons = useRef(new Map<Action, HTMLButtonElement>());
  const bar = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);
  const actionRequest = useStore((s) => s.actionRequest);
  const clearActionRequest = useStore((s) => s.clearActionRequest);

  // An action chosen in the command palette opens its dialog here, if the host still allows it.
  useEffect(() => {
    if (!actionRequest || actionRequest.releaseId !== detail.release.id) return;
    clearActionRequest();
    if (!detail.allowedActions.includes(actionRequest.action)) return;
    lastAction.current = actionRequest.action;
    setPending(actionRequest.action);
  }, [actionRequest, clearActionRequest, detail]);

  // After the dialog closes, focus goes back to the button that opened it; a decision may have
  // removed that button (Pause → Resume), then to the first action left.
  useEffect(() => {
    if (pending !== null || !returnFocus.current) return;
    returnFocus.current = false;
    const button = (lastAction.current && buttons.current.get(lastAction.current)) ?? bar.current?.querySelector('button');
    button?.focus();
  });

  if (role !== 'operator') {
    return role === 'viewer' ? <p className="muted read-only">Read-only session: decisions need an operator.</p> : null;
  }
  const budget = detail.pauseBudgetLeftMs;

  const allowed = ACTION_ORDER.filter((a) => detail.allowedActions.includes(a));
  const open = (action: Action) => {
    lastAction.current = action;
    setPending(action);
  };
  const close = () => {
    returnFocus.current = true;
    setPending(null);
  };

  return (
    <div className="action-bar" ref={bar} role="group" aria-label="Actions">
      {allowed.length === 0 ? <p className="muted">No action is possible in this state.</p> : null}
      {allowed.map((action) => (
        <button
          key={action}
          type="button"
          className={`button ${TONE[action] ?? ''}`}
          ref={(el) => {
            if (el) buttons.current.set(action, el);
            else buttons.current.delete(action);
          }}
          onClick={() => open(action)}
          title={hasDraft(`decide:${detail.release.id}:${action}`) ? 'Your unsaved draft of this decision is kept' : undefined}
        >
          {ACTION_LABEL[action]}
          {hasDraft(`decide:${detail.release.id}:${action}`) ? <span className="draft-dot" aria-hidden="true" /> : null}
        </button>
      ))}
      <p className="action-hint muted" data-testid="undo-text">
        {/* A planned release has nothing to undo yet: "Roll back sends…" read under a lone Start button. */}
        {detail.release.status === 'planned' ? null : detail.undo}
        {budget !== null ? (
          <>
            {' '}
            <strong className="pause-budget" data-testid="pause-budget">
              Pause budget left: {formatDuration(budget)} of 30 d.
            </strong>
          </>
        ) : null}
      </p>
      {pending ? <DecisionDialog action={pending} releaseId={detail.release.id} releaseName={detail.release.name} onClose={close} /> : null}
    </div>
  );
}
