import { secretFieldsOf, type ConnectionView } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { getConnection, listConnections, secretsOf, type StoredConnection, type StoredSecret } from './repo.ts';

/** What the contract shows of a connection: whether each secret it uses is set, and its last four if long; never a value. */
export function connectionView(stored: StoredConnection, secrets: readonly StoredSecret[]): ConnectionView {
  return {
    id: stored.id,
    name: stored.name,
    config: stored.config,
    secrets: secretFieldsOf(stored.config).map((field) => {
      const s = secrets.find((x) => x.field === field);
      return { field, set: s !== undefined, last4: s?.last4 ?? null };
    }),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    version: stored.version,
    lastTest: stored.lastTest,
  };
}

export function connectionViewOf(db: Db, id: string): ConnectionView | null {
  const stored = getConnection(db, id);
  return stored ? connectionView(stored, secretsOf(db, id)) : null;
}

export function connectionViews(db: Db): ConnectionView[] {
  return listConnections(db).map((c) => connectionView(c, secretsOf(db, c.id)));
}
