import type { SourceStatus } from '../../shared/sources/freshness.ts';
import { SOURCE_WORDS } from '../../shared/sources/kind.ts';
import { formatClock, formatRelative } from '../lib/format.ts';
import { useNow } from '../lib/useNow.ts';

/**
 * Where a release's numbers come from, and how fresh they are. A simulated release says so plainly
 * everywhere its data shows, so synthetic numbers are never taken for production ones.
 */
export function SourceBadge({ source, testId }: { source: SourceStatus; testId?: string }) {
  const now = useNow(15_000);
  const name = source.connectionName ? `${SOURCE_WORDS[source.kind]} · ${source.connectionName}` : SOURCE_WORDS[source.kind];
  if (source.kind === 'simulator') {
    return (
      <span className="badge badge-simulated" data-testid={testId} title="Numbers from the built-in simulator (demo and rehearsal), not from a real service">
        Simulated data
      </span>
    );
  }
  const last = source.lastSampleAt === null ? 'no data yet' : `last sample ${formatClock(source.lastSampleAt)} (${formatRelative(source.lastSampleAt, now)})`;
  const why = source.metrics.find((m) => m.stale)?.why;
  if (source.stale) {
    return (
      <span className="badge badge-bad" data-testid={testId} title={why ?? last}>
        {name} · stale — {why ?? last}
      </span>
    );
  }
  // Not stale yet, but the last fetch failed: said now, before the data goes stale.
  const failing = source.metrics.find((m) => m.failingSince !== null);
  if (failing?.failingSince != null) {
    return (
      <span className="badge badge-warn" data-testid={testId} title={failing.error ?? last}>
        {name} · fetch failing since {formatClock(failing.failingSince)} ({failing.problem?.replace('_', ' ') ?? 'error'}) · {last}
      </span>
    );
  }
  return (
    <span className="badge badge-info" data-testid={testId} title={last}>
      {name} · {last}
    </span>
  );
}
