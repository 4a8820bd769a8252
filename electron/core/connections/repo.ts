import { ConnectionConfig, ConnectionTest, type ConnectionKind, type SecretField } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';
import type { SecretStoreKind } from '../secrets/store.ts';
import type { SealedSecret } from '../secrets/vault.ts';

/** The shape of `connections.config`; a later shape bumps it and reads the old one through an upgrade. */
export const CONFIG_SCHEMA = 1;

export interface StoredConnection {
  id: string;
  name: string;
  config: ConnectionConfig;
  version: number;
  createdAt: number;
  updatedAt: number;
  lastTest: ConnectionTest | null;
}

export interface StoredSecret extends SealedSecret {
  field: SecretField;
  last4: string | null;
  updatedAt: number;
}

interface ConnectionRow {
  id: string;
  name: string;
  config: string;
  config_schema: number;
  version: number;
  created_at: number;
  updated_at: number;
  last_test: string | null;
}

interface SecretRow {
  field: SecretField;
  sealed: Buffer;
  sealed_by: SecretStoreKind;
  last4: string | null;
  updated_at: number;
}

function fromRow(row: ConnectionRow): StoredConnection {
  if (row.config_schema > CONFIG_SCHEMA) throw new Error(`Connection "${row.name}" was saved by a newer Stagegate (config version ${row.config_schema}).`);
  return {
    id: row.id,
    name: row.name,
    config: ConnectionConfig.parse(JSON.parse(row.config)),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastTest: row.last_test === null ? null : ConnectionTest.parse(JSON.parse(row.last_test)),
  };
}

/** A connection's name, kind and version without its config: what the screens, the release binding and the client cache ask often. */
export function connectionHead(db: Db, id: string): { name: string; kind: ConnectionKind; version: number } | null {
  return (statement(db, 'SELECT name, kind, version FROM connections WHERE id = ?').get(id) as { name: string; kind: ConnectionKind; version: number } | undefined) ?? null;
}

export function getConnection(db: Db, id: string): StoredConnection | null {
  const row = db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
  return row ? fromRow(row) : null;
}

export function listConnections(db: Db): StoredConnection[] {
  return (db.prepare('SELECT * FROM connections ORDER BY name COLLATE NOCASE, id').all() as ConnectionRow[]).map(fromRow);
}

/** The connection already called `name`, letter case aside. */
export function connectionNamed(db: Db, name: string): { id: string; name: string } | null {
  return (db.prepare('SELECT id, name FROM connections WHERE name = ? COLLATE NOCASE').get(name) as { id: string; name: string } | undefined) ?? null;
}

export function insertConnection(db: Db, c: { id: string; name: string; config: ConnectionConfig }, now: number): void {
  db.prepare('INSERT INTO connections (id, name, kind, config, config_schema, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)').run(
    c.id,
    c.name,
    c.config.kind,
    JSON.stringify(c.config),
    CONFIG_SCHEMA,
    now,
    now,
  );
}

/** Saves name and config and bumps the version; returns the new version. */
export function updateConnection(db: Db, c: { id: string; name: string; config: ConnectionConfig }, now: number): number {
  const row = db
    .prepare('UPDATE connections SET name = ?, config = ?, config_schema = ?, updated_at = ?, version = version + 1 WHERE id = ? RETURNING version')
    .get(c.name, JSON.stringify(c.config), CONFIG_SCHEMA, now, c.id) as { version: number };
  return row.version;
}

/** A test's answer is what the connection did, not an edit of it: no new version. */
export function recordTest(db: Db, id: string, test: ConnectionTest): void {
  db.prepare('UPDATE connections SET last_test = ? WHERE id = ?').run(JSON.stringify(test), id);
}

/** Removes the connection; its secrets go with it (ON DELETE CASCADE). */
export function deleteConnection(db: Db, id: string): void {
  db.prepare('DELETE FROM connections WHERE id = ?').run(id);
}

export function secretsOf(db: Db, connectionId: string): StoredSecret[] {
  const rows = db.prepare('SELECT field, sealed, sealed_by, last4, updated_at FROM connection_secrets WHERE connection_id = ? ORDER BY field').all(connectionId) as SecretRow[];
  // A value that is not a BLOB (the file edited by hand) opens as nothing, and is reported as truncated.
  return rows.map((r) => ({ field: r.field, sealed: Buffer.isBuffer(r.sealed) ? r.sealed : Buffer.alloc(0), by: r.sealed_by, last4: r.last4, updatedAt: r.updated_at }));
}

export function putSecret(db: Db, connectionId: string, field: SecretField, secret: SealedSecret, last4: string | null, now: number): void {
  db.prepare(
    `INSERT INTO connection_secrets (connection_id, field, sealed, sealed_by, last4, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, field) DO UPDATE SET sealed = excluded.sealed, sealed_by = excluded.sealed_by, last4 = excluded.last4, updated_at = excluded.updated_at`,
  ).run(connectionId, field, secret.sealed, secret.by, last4, now);
}

/** True when there was a secret to clear. */
export function deleteSecret(db: Db, connectionId: string, field: SecretField): boolean {
  return db.prepare('DELETE FROM connection_secrets WHERE connection_id = ? AND field = ?').run(connectionId, field).changes > 0;
}

/** How many secrets a store sealed: the key-file store refuses to make a new key while any of its own exist. */
export function countSealedBy(db: Db, by: SecretStoreKind): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM connection_secrets WHERE sealed_by = ?').get(by) as { n: number }).n;
}
