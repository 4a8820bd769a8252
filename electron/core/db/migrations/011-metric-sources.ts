import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 11,
  name: 'metric sources: where a release reads its samples, and how fresh each metric is',
  sql: `
      -- simulator | push | prometheus | datadog | sentry. Releases before this were all fed by the simulator.
      ALTER TABLE releases ADD COLUMN source TEXT NOT NULL DEFAULT 'simulator';
      -- JSON {v, mapping} of the plan's metric mapping (shared/sources/mapping.ts); NULL = none.
      ALTER TABLE releases ADD COLUMN metrics_mapping TEXT;
      ALTER TABLE releases ADD COLUMN connection_id TEXT;
      ALTER TABLE releases ADD COLUMN baseline_version TEXT;
      -- One row per release and mapped metric, advanced by the poller only. fetched_until is the end of
      -- the contiguous range fetched without a gap: the guard folds nothing past it, and data whose
      -- fetched_until is older than the mapping's staleAfter counts as no data.
      CREATE TABLE source_fetches (
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        connection_id TEXT NOT NULL,
        fetched_until INTEGER,
        last_sample_at INTEGER,
        last_attempt_at INTEGER,
        last_success_at INTEGER,
        failing_since INTEGER,
        last_problem TEXT,
        last_error TEXT,
        PRIMARY KEY (release_id, metric)
      ) WITHOUT ROWID;
    `,
};
