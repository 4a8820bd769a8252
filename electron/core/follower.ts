import type { LoggedEvent } from '../../shared/index.ts';
import type { EventBus } from './bus.ts';
import type { Db } from './db/open.ts';
import { getDecision } from './repos/decisions.ts';
import { readEvent, type StoredEvent } from './repos/eventLog.ts';
import { Repeating } from './repeating.ts';

export const FOLLOW_EVERY_MS = 1000;

/** The releases a flag's event names: its change shows on their timelines. */
function linkedReleasesOf(event: LoggedEvent): readonly string[] {
  if (!event.known) return [];
  switch (event.kind) {
    case 'flag.created':
      return event.payload.linkedReleases ?? [];
    case 'flag.updated':
    case 'flag.state_changed':
      return event.payload.linkedReleases;
    default:
      return [];
  }
}

/**
 * Pushes what other hosts on the same data folder wrote, since their buses are not ours: another
 * host's decisions and changes (read from the event log) and the samples its simulator stored reach
 * this host's windows and streams within a poll. PRAGMA data_version changes only when another
 * connection commits, so an idle or lone host does no more than read that number.
 */
export class ChangeFollower extends Repeating {
  readonly #db: Db;
  readonly #bus: EventBus;
  readonly #log: (message: string, error?: unknown) => void;
  #version = 0;
  #seq = 0;
  #newest = new Map<string, number>();

  constructor(opts: { db: Db; bus: EventBus; everyMs?: number; log: (message: string, error?: unknown) => void }) {
    super(opts.everyMs ?? FOLLOW_EVERY_MS);
    this.#db = opts.db;
    this.#bus = opts.bus;
    this.#log = opts.log;
  }

  protected beat(): void {
    try {
      this.poll();
    } catch (error) {
      this.#log('stagegate: could not read the changes of other hosts', error);
    }
  }

  override start(): void {
    if (this.running) return;
    // What is there now is known to whoever connects; only later changes are pushed.
    this.#version = this.#dataVersion();
    this.#seq = (this.#db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').get() as { seq: number }).seq;
    this.#newest = this.#newestSamples();
    super.start();
  }

  /** Emits a push for each change another connection committed since the last poll. */
  poll(): void {
    const version = this.#dataVersion();
    if (version === this.#version) return;
    this.#version = version;
    const releaseIds = new Set((this.#db.prepare('SELECT id FROM releases').all() as { id: string }[]).map((r) => r.id));
    const changed = new Set<string>();
    for (const row of this.#db.prepare('SELECT seq, at, kind, subject, actor, payload, hash FROM events WHERE seq > ? ORDER BY seq').iterate(this.#seq) as IterableIterator<StoredEvent>) {
      this.#seq = row.seq;
      const event = readEvent(row);
      if (event.known && event.kind === 'decision.recorded') {
        const decision = getDecision(this.#db, event.payload.decisionId);
        if (decision) this.#bus.emit({ type: 'decision.recorded', decision });
      }
      if (event.subject !== null && releaseIds.has(event.subject)) changed.add(event.subject);
      for (const id of linkedReleasesOf(event)) if (releaseIds.has(id)) changed.add(id);
    }
    for (const releaseId of changed) this.#bus.emit({ type: 'release.changed', releaseId });
    const newest = this.#newestSamples();
    const arrived = [...newest].filter(([id, t]) => t > (this.#newest.get(id) ?? 0));
    this.#newest = newest;
    if (arrived.length > 0) this.#bus.emit({ type: 'samples.arrived', releaseIds: arrived.map(([id]) => id), until: Math.max(...arrived.map(([, t]) => t)) });
  }

  #dataVersion(): number {
    return this.#db.pragma('data_version', { simple: true }) as number;
  }

  /** The newest sample of each live release: one primary-key seek per series. */
  #newestSamples(): Map<string, number> {
    const rows = this.#db
      .prepare(
        `SELECT ms.release_id AS releaseId, MAX((SELECT MAX(t) FROM samples WHERE series_id = ms.id)) AS t
           FROM metric_series ms JOIN releases r ON r.id = ms.release_id
          WHERE r.status IN ('rolling', 'paused', 'halted')
          GROUP BY ms.release_id`,
      )
      .all() as { releaseId: string; t: number | null }[];
    return new Map(rows.filter((r) => r.t !== null).map((r) => [r.releaseId, r.t!]));
  }
}
