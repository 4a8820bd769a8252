import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 5,
  name: 'missing sample values',
  sql: `
      -- A missing value (the source had nothing for that interval) is stored as NULL: recorded, and
      -- skipped by every reader, so its weight counts toward no average. SQLite cannot drop NOT NULL
      -- in place: the table is rebuilt, rows kept.
      CREATE TABLE samples_v5 (
        series_id INTEGER NOT NULL REFERENCES metric_series(id) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        value REAL,
        weight REAL NOT NULL,
        PRIMARY KEY (series_id, t)
      ) WITHOUT ROWID;
      INSERT INTO samples_v5 (series_id, t, value, weight) SELECT series_id, t, value, weight FROM samples;
      DROP TABLE samples;
      ALTER TABLE samples_v5 RENAME TO samples;
    `,
};
