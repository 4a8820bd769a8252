import { memo } from 'react';
import { Link } from 'react-router';
import type { ReleaseListItem } from '../../../shared/domain/release.ts';
import { TARGET_LABEL } from '../../lib/labels.ts';
import { ExposureBar } from '../../ui/ExposureBar.tsx';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

/** One row; the name's link is stretched over the row (CSS), so the whole row opens the release. */
export const ReleaseRow = memo(function ReleaseRow({ release }: { release: ReleaseListItem }) {
  return (
    <tr className="row-link" data-testid={`release-row-${release.id}`}>
      <th scope="row">
        <Link to={`/releases/${encodeURIComponent(release.id)}`} className="stretched-link">
          {release.name}
        </Link>
      </th>
      <td>{release.app}</td>
      <td className="mono">{release.version}</td>
      <td>{TARGET_LABEL[release.target]}</td>
      <td>
        <StatusBadge status={release.status} />
      </td>
      <td>
        {release.stageLabel || '—'}
        <span className="muted"> ({release.stageIndex + 1}/{release.stageCount})</span>
      </td>
      <td>
        <ExposureBar pct={release.exposurePct} />
      </td>
      <td>
        <SourceBadge source={release.sourceStatus} testId={`release-source-${release.id}`} compact />
      </td>
    </tr>
  );
});
