import { fail, type AppError, type LoggedEvent } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { readEvent, type StoredEvent } from '../repos/eventLog.ts';

/** The kinds of event that record an edit of a versioned record. */
export type EditKind = 'flag.updated' | 'train.updated' | 'connection.saved';

/** The version an edit event made and the fields it changed, as each kind records them; null for any other event. */
function editOf(event: LoggedEvent): { version: number | null; fields: readonly string[] } | null {
  if (!event.known) return null;
  switch (event.kind) {
    case 'flag.updated':
      return { version: event.payload.version, fields: Object.keys(event.payload.from ?? {}) };
    case 'train.updated':
      return { version: event.payload.version, fields: event.payload.changed ?? [] };
    case 'connection.saved':
      return { version: event.payload.version, fields: event.payload.changed };
    default:
      return null;
  }
}

/** Who changed which fields of a record after `baseVersion`, read from the log's edit events. */
function changesSince(db: Db, kind: EditKind, subject: string, baseVersion: number): { actors: string[]; fields: string[] } {
  const rows = db.prepare('SELECT seq, at, kind, subject, actor, payload, hash FROM events WHERE subject = ? AND kind = ? ORDER BY seq').all(subject, kind) as StoredEvent[];
  const actors = new Set<string>();
  const fields = new Set<string>();
  for (const row of rows) {
    const event = readEvent(row);
    const edit = editOf(event);
    if (edit === null || edit.version === null || edit.version <= baseVersion) continue;
    actors.add(event.actor);
    for (const field of edit.fields) fields.add(field);
  }
  return { actors: [...actors], fields: [...fields] };
}

export interface StaleEdit {
  db: Db;
  /** The edit event's kind, e.g. `flag.updated`. */
  kind: EditKind;
  subject: string;
  /** How a person names the record: `flag "new-checkout"`. */
  what: string;
  baseVersion: number;
  version: number;
  labels: Readonly<Record<string, string>>;
}

/** A `conflict` for an edit made on an old version: who changed what since, each changed field named, so nothing is overwritten unseen. */
export function staleEdit(s: StaleEdit): { ok: false; error: AppError } {
  const { actors, fields } = changesSince(s.db, s.kind, s.subject, s.baseVersion);
  const who = actors.length > 0 ? `by ${actors.join(', ')} ` : '';
  const what = fields.length > 0 ? ` (${fields.map((f) => s.labels[f] ?? f).join(', ')})` : '';
  return fail(
    'conflict',
    `The ${s.what} was changed ${who}since you opened it${what}: you edited version ${s.baseVersion}, it is at version ${s.version} now. Nothing was saved; open it again to see that change, then make yours.`,
    { issues: fields.map((field) => ({ path: field, message: `changed ${who}since you opened it` })) },
  );
}
