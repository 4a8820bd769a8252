import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 10,
  name: 'connections',
  sql: `
      -- Outside accounts (Prometheus, Datadog, Sentry). The config is JSON in the shape of config_schema,
      -- so a later shape can be read and upgraded; it holds no secret.
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        config TEXT NOT NULL,
        config_schema INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_test TEXT
      );
      CREATE UNIQUE INDEX connections_name ON connections (name COLLATE NOCASE);

      -- Only ever sealed: the ciphertext, which store sealed it (hosts sharing a folder may differ), and the
      -- last four characters of a secret long enough that they give nothing away (12 or more).
      CREATE TABLE connection_secrets (
        connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        sealed BLOB NOT NULL,
        sealed_by TEXT NOT NULL CHECK (sealed_by IN ('safeStorage', 'keyfile')),
        last4 TEXT CHECK (last4 IS NULL OR length(last4) = 4),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (connection_id, field)
      ) WITHOUT ROWID;
    `,
};
