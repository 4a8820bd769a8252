import { useQuery } from '@tanstack/react-query';
import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import { overlapFixText, overlapReadingText, PUSHED_SAMPLES } from '../../../shared/preflight/overlap.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { readinessBanner } from './readinessText.ts';

const TONE_LABEL = { ok: 'Plan check', warn: 'Too short to decide', unknown: 'Traffic unknown' } as const;

/**
 * Before the start, and whenever the current stage cannot decide within its soak: says so above the
 * actions; and, for as long as they look so, pushed samples whose windows overlap.
 */
export function ReadinessBanner({ release }: { release: ReleaseSummary }) {
  const reads = useReads();
  const readiness = useQuery(reads.readiness(release.id)).data ?? null;
  // The current stage's verdict, once the gate panel has judged it: a decided stage needs no warning.
  const status = useQuery(reads.gates(release.id)).data;
  const verdict = status?.stageIndex === release.stageIndex ? status.verdict : null;
  const banner = readiness ? readinessBanner(release, readiness, verdict) : null;
  const overlaps = readiness?.overlaps ?? [];
  return (
    <>
      {banner ? (
        <p className={`readiness-banner readiness-${banner.tone}`} data-testid="readiness-banner">
          <strong>{TONE_LABEL[banner.tone]}:</strong> {banner.text}
        </p>
      ) : null}
      {overlaps.map((o) => (
        // Until the rows are fixed every decision on them is suspect, so it stays up for as long as the samples show it.
        <p key={o.metric} className="readiness-banner readiness-warn" data-testid="overlap-banner">
          <strong>Samples overlap:</strong> {overlapReadingText(o, PUSHED_SAMPLES)}. {overlapFixText(PUSHED_SAMPLES)}. Until then the times to decide read too short.
        </p>
      ))}
    </>
  );
}
