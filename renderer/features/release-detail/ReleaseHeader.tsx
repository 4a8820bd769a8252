import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import type { SourceStatus } from '../../../shared/sources/freshness.ts';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { TARGET_LABEL } from '../../lib/labels.ts';
import { ExposureBar } from '../../ui/ExposureBar.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

export function ReleaseHeader({ release, source }: { release: ReleaseSummary; source: SourceStatus }) {
  return (
    <header className="release-header">
      <div className="release-title">
        <h1>{release.name}</h1>
        <StatusBadge status={release.status} testId="release-status" />
      </div>
      <dl className="facts">
        <div>
          <dt>App</dt>
          <dd>{release.app}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd className="mono">{release.version}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{TARGET_LABEL[release.target]}</dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>
            {release.stageLabel || '—'} ({release.stageIndex + 1} of {release.stageCount})
          </dd>
        </div>
        <div>
          <dt>Exposure</dt>
          <dd>
            <ExposureBar pct={release.exposurePct} />
            {release.chosenExposurePct !== null && release.status !== 'completed' && release.status !== 'rolled_back' ? (
              <span className="muted exposure-chosen" data-testid="exposure-chosen">
                {' '}
                chosen at resume
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd>
            <SourceBadge source={source} testId="release-source" />
          </dd>
        </div>
      </dl>
    </header>
  );
}
