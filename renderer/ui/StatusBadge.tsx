import type { ReleaseStatus } from '../../shared/domain/release.ts';
import { STATUS_LABEL } from '../lib/labels.ts';

export function StatusBadge({ status, testId }: { status: ReleaseStatus; testId?: string }) {
  return (
    <span className={`badge badge-${status}`} data-testid={testId}>
      {STATUS_LABEL[status]}
    </span>
  );
}
