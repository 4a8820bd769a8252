import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 14,
  name: 'push reports: how far each pushed cohort and metric has reported, and when it last did',
  sql: `
      -- One row per release, metric and cohort that ingestSamples has written. reported_until is the
      -- newest t a call carried for them (never past the call's own time); received_at when the last
      -- such call came; reporting_since when the release's current run of pushes began (a push after
      -- minutes of silence begins one), the same in all its rows. The guard folds a pushed release's
      -- samples only up to where every cohort and metric still reporting has reported, so one sent a
      -- little after the other is judged beside it rather than skipped.
      CREATE TABLE push_reports (
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        cohort TEXT NOT NULL,
        reported_until INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        reporting_since INTEGER NOT NULL,
        PRIMARY KEY (release_id, metric, cohort)
      ) WITHOUT ROWID;
    `,
};
