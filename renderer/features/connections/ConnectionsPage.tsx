import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ConnectionView } from '../../../shared/domain/connections.ts';
import type { AppError } from '../../../shared/result.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useInfo } from '../../api/useInfo.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { SettingsTabs } from '../settings/SettingsTabs.tsx';
import { ConnectionForm } from './ConnectionForm.tsx';
import { ConnectionRow } from './ConnectionRow.tsx';
import { RemoveConnectionDialog } from './RemoveConnectionDialog.tsx';
import { ListState } from '../../ui/ListState.tsx';
import { useNewOrEdit } from '../../lib/useNewOrEdit.ts';
import './connections.css';

/** Settings ▸ Connections: the metrics services Stagegate reads from, with their write-only secrets. */
export function ConnectionsPage() {
  usePageTitle('Connections');
  const info = useInfo().data;
  const operator = info?.role === 'operator';
  // Connections hold credentials: only an operator's session lists them.
  const list = useQuery({ ...useReads().connections(), ...FRESH_ON_OPEN, enabled: operator });
  const connections = list.data ?? null;
  const error = appErrorOf(list.error);
  const { testConnection } = useWrites();
  const { form, creating, newButton, returnTo, remember, edit, toggleNew, close } = useNewOrEdit();
  const [removing, setRemoving] = useState<ConnectionView | null>(null);
  const [testing, setTesting] = useState<ReadonlySet<string>>(new Set());
  const [testError, setTestError] = useState<AppError | null>(null);

  const editing = form?.id ? connections?.find((c) => c.id === form.id) : undefined;

  const onTest = useCallback(
    (c: ConnectionView) => {
      setTestError(null);
      setTesting((s) => new Set(s).add(c.id));
      void testConnection({ id: c.id }).then((result) => {
        setTesting((s) => new Set([...s].filter((id) => id !== c.id)));
        if (!result.ok) setTestError({ ...result.error, message: `${c.name}: ${result.error.message}` });
      });
    },
    [testConnection],
  );
  const onEdit = useCallback((c: ConnectionView) => edit(c.id), [edit]);
  const onRemove = useCallback(
    (c: ConnectionView) => {
      remember();
      setRemoving(c);
    },
    [remember],
  );

  return (
    <section className="page">
      <h1>Settings</h1>
      <SettingsTabs />
      <header className="page-header">
        <h2 className="connections-title">Connections</h2>
        <span className="muted">Metrics services releases are judged on. Secrets are write-only: stored encrypted, never shown again.</span>
        {operator ? (
          <button ref={newButton} type="button" className="button primary page-action" aria-expanded={creating} onClick={toggleNew}>
            Add connection
          </button>
        ) : null}
      </header>
      {info && !operator ? <p className="empty">Connections hold credentials, so only an operator sees and changes them; this session is read-only.</p> : null}
      {form && (form.id === null || editing) ? (
        <ConnectionForm
          key={form.id ?? ''}
          {...(editing ? { connection: editing } : {})}
          onDone={close}
        />
      ) : null}
      <ListState
        items={connections}
        error={error}
        failed="Could not load the connections"
        loading="connections"
        empty="No connections yet. Add a Prometheus, Datadog or Sentry account to read real metrics."
        onRetry={() => void list.refetch()}
        reading={operator}
      />
      {testError ? <ErrorBanner error={testError} context="Could not test" /> : null}
      {connections && connections.length > 0 ? (
        <div className="table-scroll">
          <table className="table connections-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Address</th>
                <th scope="col">Secrets</th>
                <th scope="col">Last test</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <ConnectionRow key={c.id} connection={c} testing={testing.has(c.id)} onTest={onTest} onEdit={onEdit} onRemove={onRemove} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {removing ? (
        <RemoveConnectionDialog
          connection={connections?.find((c) => c.id === removing.id) ?? removing}
          onClose={(removed) => {
            setRemoving(null);
            (removed ? newButton.current : returnTo.current)?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
