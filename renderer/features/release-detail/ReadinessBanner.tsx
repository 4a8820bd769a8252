import { useQuery } from '@tanstack/react-query';
import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { readinessBanner } from './readinessText.ts';

const TONE_LABEL = { ok: 'Plan check', warn: 'Too short to decide', unknown: 'Traffic unknown' } as const;

/** Before the start, and whenever the current stage cannot decide within its soak: says so above the actions. */
export function ReadinessBanner({ release }: { release: ReleaseSummary }) {
  const reads = useReads();
  const readiness = useQuery(reads.readiness(release.id)).data ?? null;
  // The current stage's verdict, once the gate panel has judged it: a decided stage needs no warning.
  const status = useQuery(reads.gates(release.id)).data;
  const verdict = status?.stageIndex === release.stageIndex ? status.verdict : null;
  const banner = readiness ? readinessBanner(release, readiness, verdict) : null;
  if (!banner) return null;
  return (
    <p className={`readiness-banner readiness-${banner.tone}`} data-testid="readiness-banner">
      <strong>{TONE_LABEL[banner.tone]}:</strong> {banner.text}
    </p>
  );
}
