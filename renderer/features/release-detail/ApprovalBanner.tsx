import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import { formatClock, formatRelative } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { useStore } from '../../store/context.tsx';
import { approvalGatesText } from './approvalText.ts';

/** The guard found a manual stage ready: say so where it cannot be missed, next to the actions. */
export function ApprovalBanner({ release }: { release: ReleaseSummary }) {
  const now = useNow();
  const overrides = useStore((s) => (s.gates?.releaseId === release.id && s.gates.status?.stageIndex === release.stageIndex ? s.gates.status.overrides : null));
  const decisions = useStore((s) => (s.detail?.release.id === release.id ? s.detail.decisions : null));
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
