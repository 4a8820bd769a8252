import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 8,
  name: 'train edit versions',
  sql: `
      -- As for flags: an edit of a train names the version it was based on.
      ALTER TABLE trains ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `,
};
