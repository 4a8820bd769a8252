import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { Environment, Flag } from '../../../shared/domain/flags.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useRole } from '../../api/useInfo.ts';
import { attentionOf, visibleFlags } from './attention.ts';
import { FlagRow } from './FlagRow.tsx';
import { FlagStateDialog } from './FlagStateDialog.tsx';
import { FlagForm } from './FlagForm.tsx';
import { draftKeys, hasDraft } from '../../lib/drafts.ts';
import { useOpenRequest } from '../../lib/useOpenRequest.ts';
import { ENVIRONMENTS } from '../../../shared/domain/flags.ts';
import { ListState } from '../../ui/ListState.tsx';
import { useNewOrEdit } from '../../lib/useNewOrEdit.ts';
import './flags.css';

/** The flag registry: state per environment, expiry, owners and cleanup; what needs attention first. */
export function FlagsPage() {
  usePageTitle('Flags');
  const reads = useReads();
  const list = useQuery({ ...reads.flags(), ...FRESH_ON_OPEN });
  const flags = list.data ?? null;
  const error = appErrorOf(list.error);
  // Linked releases and train expiries are shown by name.
  const releases = useQuery({ ...reads.releases(), ...FRESH_ON_OPEN }).data ?? null;
  const trains = useQuery({ ...reads.trains(), ...FRESH_ON_OPEN }).data ?? null;
  const role = useRole();
  const [attentionOnly, setAttentionOnly] = useState(false);
  // One form at a time: a new flag (key null) or the flag being edited.
  // A form left with a draft (a reload, a walk to another page) opens again with it.
  const { form, creating, newButton, returnTo, remember, edit, openNew, toggleNew, close } = useNewOrEdit(() => {
    if (hasDraft('flag:new')) return null;
    return draftKeys('flag:edit:')[0]?.slice('flag:edit:'.length);
  });
  const [editing, setEditing] = useState<{ key: string; environment: Environment } | null>(null);
  const filterId = useId();
  // Asked for by address (the command palette): a new flag, one flag to show, or one flag's state to set.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  useOpenRequest(['new', 'flag', 'set'], (asked) => {
    if (asked.new) openNew();
    if (asked.flag) {
      setAttentionOnly(false);
      setFocusKey(asked.flag);
      const env = ENVIRONMENTS.find((e) => e === asked.set);
      if (env) setEditing({ key: asked.flag, environment: env });
    }
  });
  useEffect(() => {
    if (!focusKey || !flags?.some((f) => f.key === focusKey)) return;
    const row = document.querySelector<HTMLElement>(`[data-testid="flag-row-${CSS.escape(focusKey)}"]`);
    row?.scrollIntoView({ block: 'center' });
    if (!editing) row?.querySelector<HTMLElement>('button, a')?.focus();
  }, [focusKey, flags, editing]);

  const shown = useMemo(() => (flags ? visibleFlags(flags, attentionOnly) : []), [flags, attentionOnly]);
  const needing = flags?.filter((f) => attentionOf(f) !== null).length ?? 0;
  const releaseNames = useMemo(() => new Map(releases?.map((r) => [r.id, r.name]) ?? []), [releases]);
  const trainNames = useMemo(() => new Map(trains?.map((t) => [t.train.id, t.train.name]) ?? []), [trains]);
  const editingFlag = editing ? flags?.find((f) => f.key === editing.key) : undefined;
  const formFlag = form?.id ? flags?.find((f) => f.key === form.id) : undefined;

  const onChangeState = useCallback(
    (flag: Flag, environment: Environment) => {
      remember();
      setEditing({ key: flag.key, environment });
    },
    [remember],
  );
  const onEdit = useCallback((flag: Flag) => edit(flag.key), [edit]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Flags</h1>
        {flags ? (
          <span className="muted">
            {flags.length} flags{needing ? ` · ${needing} need attention` : ''}
          </span>
        ) : null}
        {role === 'operator' ? (
          <button ref={newButton} type="button" className="button primary page-action" aria-expanded={creating} onClick={toggleNew}>
            New flag
          </button>
        ) : null}
      </header>
      {form && role === 'operator' && (form.id === null || formFlag) ? (
        <FlagForm key={form.id ?? ''} {...(formFlag ? { flag: formFlag } : {})} onDone={close} />
      ) : null}
      <div className="flag-tools">
        <label htmlFor={filterId} className="flag-filter">
          <input id={filterId} type="checkbox" checked={attentionOnly} onChange={(e) => setAttentionOnly(e.target.checked)} />
          Needs attention
        </label>
        <span className="muted">Expired and stale flags come first, with their owner.</span>
      </div>
      <ListState
        items={flags ? shown : null}
        error={error}
        failed="Could not load the flags"
        loading="flags"
        empty={attentionOnly ? 'No flag needs attention.' : 'No flags yet.'}
        onRetry={() => void list.refetch()}
      />
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table className="table flags-table">
            <thead>
              <tr>
                <th scope="col">Flag</th>
                <th scope="col">Owner</th>
                <th scope="col">Type</th>
                <th scope="col">Development</th>
                <th scope="col">Staging</th>
                <th scope="col">Production</th>
                <th scope="col">Expiry</th>
                <th scope="col">Linked releases</th>
                <th scope="col">Cleanup plan</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((flag) => (
                <FlagRow key={flag.key} flag={flag} canEdit={role === 'operator'} releaseNames={releaseNames} trainNames={trainNames} onChangeState={onChangeState} onEdit={onEdit} highlighted={flag.key === focusKey} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing && editingFlag ? (
        <FlagStateDialog
          flag={editingFlag}
          environment={editing.environment}
          onClose={() => {
            setEditing(null);
            returnTo.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
