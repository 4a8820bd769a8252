import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 9,
  name: 'host lease',
  sql: `
      -- Hosts sharing one data folder (the desktop app and the web host) agree through this row on which
      -- of them runs the background work (guard, simulator, compaction): the owner renews it, and another
      -- host takes it over only once it has expired.
      CREATE TABLE host_lease (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
};
