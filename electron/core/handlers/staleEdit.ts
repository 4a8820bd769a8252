import { fail, type AppError } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';

interface EditEventRow {
  actor: string;
  payload: string;
}

/**
 * Who changed which fields of a record after `baseVersion`, read from the log: each edit event
 * records the version it made and the fields it changed (`fieldsOf`).
 */
function changesSince(db: Db, kind: string, subject: string, baseVersion: number, fieldsOf: (payload: Record<string, unknown>) => string[]): { actors: string[]; fields: string[] } {
  const rows = db.prepare('SELECT actor, payload FROM events WHERE subject = ? AND kind = ? ORDER BY seq').all(subject, kind) as EditEventRow[];
  const actors = new Set<string>();
  const fields = new Set<string>();
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    if (typeof payload.version !== 'number' || payload.version <= baseVersion) continue;
    actors.add(row.actor);
    for (const field of fieldsOf(payload)) fields.add(field);
  }
  return { actors: [...actors], fields: [...fields] };
}

export interface StaleEdit {
  db: Db;
  /** The edit event's kind, e.g. `flag.updated`. */
  kind: string;
  subject: string;
  /** How a person names the record: `flag "new-checkout"`. */
  what: string;
  baseVersion: number;
  version: number;
  fieldsOf: (payload: Record<string, unknown>) => string[];
  labels: Readonly<Record<string, string>>;
}

/** A `conflict` for an edit made on an old version: who changed what since, each changed field named, so nothing is overwritten unseen. */
export function staleEdit(s: StaleEdit): { ok: false; error: AppError } {
  const { actors, fields } = changesSince(s.db, s.kind, s.subject, s.baseVersion, s.fieldsOf);
  const who = actors.length > 0 ? `by ${actors.join(', ')} ` : '';
  const what = fields.length > 0 ? ` (${fields.map((f) => s.labels[f] ?? f).join(', ')})` : '';
  return fail(
    'conflict',
    `The ${s.what} was changed ${who}since you opened it${what}: you edited version ${s.baseVersion}, it is at version ${s.version} now. Nothing was saved; open it again to see that change, then make yours.`,
    { issues: fields.map((field) => ({ path: field, message: `changed ${who}since you opened it` })) },
  );
}
