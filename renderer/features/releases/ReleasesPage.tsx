import { useEffect } from 'react';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { markFirstRender } from './firstRenderMark.ts';
import { ReleaseRow } from './ReleaseRow.tsx';
import './releases.css';

export function ReleasesPage() {
  usePageTitle('Releases');
  const releases = useStore((s) => s.releases);
  const error = useStore((s) => s.releasesError);
  const loadReleases = useStore((s) => s.loadReleases);

  useEffect(() => {
    void loadReleases();
  }, [loadReleases]);

  useEffect(() => {
    if (releases) markFirstRender();
  }, [releases]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Releases</h1>
        {releases ? <span className="muted">{releases.length === 1 ? '1 release' : `${releases.length} releases`}</span> : null}
      </header>
      {error ? <ErrorBanner error={error} context="Could not load the releases" onRetry={() => void loadReleases()} /> : null}
      {!releases && !error ? <Loading what="releases" /> : null}
      {releases && releases.length === 0 ? <p className="empty">No releases yet.</p> : null}
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
