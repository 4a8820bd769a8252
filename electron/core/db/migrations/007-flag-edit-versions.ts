import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 7,
  name: 'flag edit versions',
  sql: `
      -- An edit names the version it was based on, so a second editor is told instead of overwriting.
      ALTER TABLE flags ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `,
};
