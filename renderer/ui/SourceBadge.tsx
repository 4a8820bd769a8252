import type { SourceStatus } from '../../shared/sources/freshness.ts';
import { SOURCE_WORDS } from '../../shared/sources/kind.ts';
import { PUSH_REPORT_WAIT_MS } from '../../shared/domain/ingest.ts';
import { formatClock, formatRelative } from '../lib/format.ts';
import { useNow } from '../lib/useNow.ts';

interface Shown {
  tone: 'simulated' | 'bad' | 'warn' | 'info';
  /** The whole sentence (the detail's header, a title elsewhere). */
  long: string;
  /** A few words for a table cell. */
  short: string;
}

/**
 * `decidedAt`: the badge of a decision's evidence, whose ages are the decision's — "(58 s ago)" beside
 * frozen evidence read next week as week-old data behind a start taken on fresh data.
 */
export function sourceWords(source: SourceStatus, clockNow: number, decidedAt: number | null = null): Shown {
  const now = decidedAt ?? clockNow;
  const kind = SOURCE_WORDS[source.kind];
  if (source.kind === 'simulator') return { tone: 'simulated', long: 'Simulated data: numbers from the built-in simulator (demo and rehearsal), not from a real service', short: 'Simulated data' };
  const name = source.connectionName ? `${kind} · ${source.connectionName}` : kind;
  const age = (t: number): string => {
    const ago = formatRelative(t, now);
    if (decidedAt === null) return ago;
    return ago === 'just now' ? 'at the decision' : ago.replace(/ ago$/, ' before the decision');
  };
  const last = source.lastSampleAt === null ? 'no data yet' : `last sample ${formatClock(source.lastSampleAt)} (${age(source.lastSampleAt)})`;
  if (source.stale) {
    const why = source.metrics.find((m) => m.stale)?.why ?? last;
    return { tone: 'bad', long: `${name} · stale — ${why}`, short: `${kind} · stale` };
  }
  // Not stale yet, but the last fetch failed: said now, before the data goes stale.
  const failing = source.metrics.find((m) => m.failingSince !== null);
  if (failing?.failingSince != null) {
    const problem = failing.problem?.replace('_', ' ') ?? 'error';
    return { tone: 'warn', long: `${name} · fetch failing since ${formatClock(failing.failingSince)} (${problem}) · ${last}`, short: `${kind} · failing (${problem})` };
  }
  // Pushed samples come when a client sends them, and the guard looks only then: a silence is the client's, said plainly.
  if (source.kind === 'push' && source.lastSampleAt !== null && now - source.lastSampleAt > PUSH_REPORT_WAIT_MS) {
    const silent = formatRelative(source.lastSampleAt, now).replace(/ ago$/, '');
    return { tone: 'warn', long: `${name} · silent for ${silent} (last sample ${formatClock(source.lastSampleAt)}): the guard looks when samples arrive`, short: `${kind} · silent ${silent}` };
  }
  return { tone: 'info', long: `${name} · ${last}`, short: source.lastSampleAt === null ? `${kind} · no data yet` : `${kind} · ${age(source.lastSampleAt)}` };
}

/**
 * Where a release's numbers come from, and how fresh they are. A simulated release says so plainly
 * everywhere its data shows, so synthetic numbers are never taken for production ones. `compact`
 * (table cells) shows a few words and keeps the sentence in the title.
 */
export function SourceBadge({ source, testId, compact = false, decidedAt = null }: { source: SourceStatus; testId?: string; compact?: boolean; decidedAt?: number | null }) {
  const now = useNow(15_000);
  const s = sourceWords(source, now, decidedAt);
  return (
    <span className={`badge badge-${s.tone}`} data-testid={testId} title={s.long}>
      {compact ? s.short : s.long}
    </span>
  );
}
