import { usePageTitle } from '../../lib/usePageTitle.ts';
import { appErrorOf } from '../../api/hostError.ts';
import { useInfo } from '../../api/useInfo.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { EventLogStatus } from './EventLogStatus.tsx';
import { SettingsTabs } from './SettingsTabs.tsx';
import './settings.css';

export function SettingsPage() {
  usePageTitle('Settings');
  const session = useInfo({ fresh: true });
  const info = session.data;
  const error = appErrorOf(session.error);

  return (
    <section className="page">
      <h1>Settings</h1>
      <SettingsTabs />
      {error ? <ErrorBanner error={error} context="Could not read the host's information" /> : null}
      {!info && !error ? <Loading what="settings" /> : null}
      {info ? (
        <>
          <section className="panel" aria-labelledby="about-title">
            <h2 id="about-title">This installation</h2>
            <dl className="settings-list">
              <dt>Version</dt>
              <dd className="mono" data-testid="info-version">{info.version}</dd>
              <dt>Database schema</dt>
              <dd className="mono">{info.schemaVersion}</dd>
              <dt>Data directory</dt>
              <dd className={info.dataDir === null ? 'muted' : 'mono'} data-testid="info-data-dir">
                {info.dataDir ?? 'Shown to operators only'}
              </dd>
              <dt>Signed in as</dt>
              <dd>{info.actor}</dd>
              <dt>Role</dt>
              <dd data-testid="info-role">{info.role === 'operator' ? 'Operator (can decide)' : 'Viewer (read-only)'}</dd>
            </dl>
          </section>
          <EventLogStatus report={info.eventLog} />
          <section className="panel" aria-labelledby="prefs-title">
            <h2 id="prefs-title">Preferences</h2>
            <p className="placeholder-tag">Placeholder — preferences arrive in a later version</p>
          </section>
        </>
      ) : null}
    </section>
  );
}
