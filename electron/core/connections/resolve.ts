import { SECRET_FIELD_LABELS, secretFieldsOf, type ConnectionConfig, type ConnectionView, type SecretField } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { SecretStoreError } from '../secrets/store.ts';
import type { SecretVault } from '../secrets/vault.ts';
import { getConnection, secretsOf } from './repo.ts';
import { connectionView } from './view.ts';

export type ConnectionSecrets = Partial<Record<SecretField, string>>;

export interface ResolvedConnection {
  view: ConnectionView;
  config: ConnectionConfig;
  /** Opened: for the client that makes the calls, inside the core only; never in an answer, a log or an event. */
  secrets: ConnectionSecrets;
}

/**
 * A saved connection with its secrets opened, for the poller and "Test connection". Null when there
 * is no such connection; a secret that does not open throws SecretStoreError naming the field and why.
 */
export function resolveConnection(db: Db, vault: SecretVault, id: string): ResolvedConnection | null {
  const stored = getConnection(db, id);
  if (!stored) return null;
  const rows = secretsOf(db, id);
  const used = secretFieldsOf(stored.config);
  const secrets: ConnectionSecrets = {};
  for (const row of rows) {
    if (!used.includes(row.field)) continue;
    try {
      secrets[row.field] = vault.open(id, row.field, row);
    } catch (error) {
      if (!(error instanceof SecretStoreError)) throw error;
      throw new SecretStoreError(`The ${SECRET_FIELD_LABELS[row.field]} of connection "${stored.name}" cannot be opened: ${error.message}`);
    }
  }
  return { view: connectionView(stored, rows), config: stored.config, secrets };
}
