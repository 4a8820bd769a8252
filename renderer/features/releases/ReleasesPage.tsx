import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useRole } from '../../api/useInfo.ts';
import { markFirstRender } from './firstRenderMark.ts';
import { NewReleaseForm } from './NewReleaseForm.tsx';
import { hasDraft } from '../../lib/drafts.ts';
import { useOpenRequest } from '../../lib/useOpenRequest.ts';
import { ReleaseRow } from './ReleaseRow.tsx';
import { ListState } from '../../ui/ListState.tsx';
import './releases.css';

export function ReleasesPage() {
  usePageTitle('Releases');
  const list = useQuery({ ...useReads().releases(), ...FRESH_ON_OPEN });
  const releases = list.data ?? null;
  const error = appErrorOf(list.error);
  const role = useRole();
  // A new release left with a draft opens again with it.
  const [creating, setCreating] = useState(() => hasDraft('release:new'));
  const newButton = useRef<HTMLButtonElement>(null);
  useOpenRequest(['new'], () => setCreating(true));

  useEffect(() => {
    if (releases) markFirstRender();
  }, [releases]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Releases</h1>
        {releases ? <span className="muted">{releases.length === 1 ? '1 release' : `${releases.length} releases`}</span> : null}
        {role === 'operator' ? (
          <button ref={newButton} type="button" className="button primary page-action" aria-expanded={creating} onClick={() => setCreating(!creating)}>
            New release
          </button>
        ) : null}
      </header>
      {creating ? (
        <NewReleaseForm
          onCancel={() => {
            setCreating(false);
            newButton.current?.focus();
          }}
        />
      ) : null}
      <ListState items={releases} error={error} failed="Could not load the releases" loading="releases" empty="No releases yet." onRetry={() => void list.refetch()} />
      {releases && releases.length > 0 ? (
        <table className="table releases-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">App</th>
              <th scope="col">Version</th>
              <th scope="col">Target</th>
              <th scope="col">Status</th>
              <th scope="col">Stage</th>
              <th scope="col">Exposure</th>
              <th scope="col">Data</th>
            </tr>
          </thead>
          <tbody>
            {releases.map((release) => (
              <ReleaseRow key={release.id} release={release} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
