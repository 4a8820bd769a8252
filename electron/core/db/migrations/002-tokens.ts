import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 2,
  name: 'tokens, decision lookup by release, the event chain head',
  sql: `
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer','operator')),
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX decisions_by_release ON decisions (release_id, created_at DESC);
      -- The head lets a deleted tail of the log be noticed, not only an edit in the middle.
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
};
