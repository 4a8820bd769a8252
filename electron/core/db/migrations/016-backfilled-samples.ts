import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 16,
  name: 'backfilled samples: pushed rows new for a time the guard had already folded, judged at its next look',
  sql: `
      -- A pushed row for a time the guard has folded, where no row of its series was stored for that
      -- time: another region's part of a minute sent in a call of its own, or a minute retried after
      -- the next. Its look folds these as intervals of their own (disjoint requests), then forgets
      -- them; a row that only repeats or corrects one already judged is never listed.
      CREATE TABLE backfilled_samples (
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        series_id INTEGER NOT NULL REFERENCES metric_series(id) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        PRIMARY KEY (release_id, t, series_id)
      ) WITHOUT ROWID;
    `,
};
