import { useQuery } from '@tanstack/react-query';
import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import { formatClock, formatRelative } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { approvalGatesText } from './approvalText.ts';

/** The guard found a manual stage ready: say so where it cannot be missed, next to the actions. */
export function ApprovalBanner({ release }: { release: ReleaseSummary }) {
  const now = useNow();
  const reads = useReads();
  const status = useQuery(reads.gates(release.id)).data;
  const overrides = status?.stageIndex === release.stageIndex ? status.overrides : null;
  const decisions = useQuery(reads.release(release.id)).data?.decisions ?? null;
  if (release.approvalRequestedAt === null || release.status !== 'rolling') return null;
  const last = release.stageIndex >= release.stageCount - 1;
  return (
    <div className="approval-banner" role="status" data-testid="approval-banner">
      <strong>Ready — awaiting your approval.</strong>{' '}
      <span>
        The guard found stage {release.stageLabel} ready {formatRelative(release.approvalRequestedAt, now)} ({formatClock(release.approvalRequestedAt)}):{' '}
        {approvalGatesText({ overrides: overrides ?? [], actorOf: (id) => decisions?.find((d) => d.id === id)?.actor ?? null, clock: formatClock })}.{' '}
        {last ? 'Complete' : 'Promote'} it below, with a reason, to go on.
      </span>
    </div>
  );
}
