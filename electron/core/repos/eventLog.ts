import { createHash } from 'node:crypto';
import { KnownEventBody, PAYLOAD_VERSIONS, readEventBody, type ChainReport, type EventKind, type EventPayload, type LoggedEvent } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';

const GENESIS = '0'.repeat(64);

/** An event to append: its kind and that kind's payload (the payload version is added here). */
export type NewEvent = {
  [K in EventKind]: { kind: K; subject: string | null; actor: string; at: number; payload: Omit<EventPayload<K>, 'v'> };
}[EventKind];

/** An event row as stored; the hash covers the payload text exactly as it is here. */
export interface StoredEvent {
  seq: number;
  at: number;
  kind: string;
  subject: string | null;
  actor: string;
  payload: string;
  hash: string;
}

interface EventRow extends StoredEvent {
  prev_hash: string;
}

function digest(prevHash: string, seq: number, e: { at: number; kind: string; subject: string | null; actor: string; payload: string }): string {
  // Fields joined with a separator that cannot occur unescaped in JSON, so no two events hash alike.
  const body = JSON.stringify([seq, e.at, e.kind, e.subject, e.actor, e.payload]);
  return createHash('sha256').update(prevHash).update('\u0000').update(body).digest('hex');
}

function head(db: Db): { seq: number; hash: string } {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('event_head') as { value: string } | undefined;
  if (!row) return { seq: 0, hash: GENESIS };
  return JSON.parse(row.value) as { seq: number; hash: string };
}

/**
 * Appends one event; call inside the transaction that makes the change it records. The payload is
 * parsed against its kind's schema first: one that does not fit throws, and nothing is written.
 */
export function appendEvent(db: Db, event: NewEvent): LoggedEvent {
  const body = KnownEventBody.parse({ kind: event.kind, payload: { ...event.payload, v: PAYLOAD_VERSIONS[event.kind] } });
  const prev = head(db);
  const seq = prev.seq + 1;
  const payload = JSON.stringify(body.payload);
  const hash = digest(prev.hash, seq, { ...event, payload });
  db.prepare('INSERT INTO events (seq, at, kind, subject, actor, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq,
    event.at,
    event.kind,
    event.subject,
    event.actor,
    payload,
    prev.hash,
    hash,
  );
  db.prepare("INSERT INTO meta (key, value) VALUES ('event_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    JSON.stringify({ seq, hash }),
  );
  return { seq, at: event.at, subject: event.subject, actor: event.actor, hash, known: true, ...body };
}

/** The prefix of the log already verified on this connection: later checks start after it. */
const verified = new WeakMap<Db, { seq: number; hash: string }>();

/**
 * Walks the hash chain and reports the first edited, missing or inserted event. The whole chain is
 * walked the first time a connection asks (the core does at open); after that only the events written
 * since, plus the link to the verified prefix, so `getInfo` stays cheap on a long log. An edit made
 * outside Stagegate to an event already verified shows at the next open, or when a person asks for a
 * `full` check ("Verify again"): an edited, inserted or deleted row breaks a link or the recorded head.
 */
export function verifyChain(db: Db, options: { full?: boolean } = {}): ChainReport {
  const from = options.full ? undefined : verified.get(db);
  let prevHash = from?.hash ?? GENESIS;
  let expectedSeq = (from?.seq ?? 0) + 1;
  let checked = from?.seq ?? 0;
  const broken = (seq: number, problem: string): ChainReport => {
    verified.delete(db);
    return { ok: false, checked, brokenAt: seq, problem };
  };
  if (from) {
    const last = db.prepare('SELECT hash FROM events WHERE seq = ?').get(from.seq) as { hash: string } | undefined;
    if (last?.hash !== from.hash) return broken(from.seq, `event ${from.seq} was altered after it was written`);
  }
  for (const row of db.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').iterate(expectedSeq) as IterableIterator<EventRow>) {
    if (row.seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing`);
    if (row.prev_hash !== prevHash) return broken(row.seq, `event ${row.seq} does not link to the event before it`);
    if (digest(prevHash, row.seq, row) !== row.hash) return broken(row.seq, `event ${row.seq} was altered after it was written`);
    prevHash = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  const recorded = head(db);
  if (recorded.seq !== checked || recorded.hash !== prevHash) {
    return broken(checked + 1, `the log ends at event ${checked} but ${recorded.seq} were written: its tail was removed`);
  }
  if (checked > 0) verified.set(db, { seq: checked, hash: prevHash });
  return { ok: true, checked, brokenAt: null, problem: null };
}

/** A stored row as this build reads it: the hash is of the stored text, which is never rewritten. */
export function readEvent(r: StoredEvent): LoggedEvent {
  return { seq: r.seq, at: r.at, subject: r.subject, actor: r.actor, hash: r.hash, ...readEventBody(r.kind, r.payload) };
}

export interface EventQuery {
  limit: number;
  beforeSeq?: number | undefined;
  query?: string | undefined;
}

export function listEvents(db: Db, q: EventQuery): LoggedEvent[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(q.beforeSeq);
  }
  if (q.query) {
    where.push("(kind LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\')");
    const like = `%${q.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like, like);
  }
  const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  const rows = db.prepare(sql).all(...params, q.limit) as EventRow[];
  return rows.map(readEvent);
}
