import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 4,
  name: 'metrics store: series dictionary, samples keyed by series and time, minute roll-ups',
  sql: `
      -- Each row used to repeat six strings; a series id keys the samples instead, and the
      -- (series, time) primary key makes a window of one series a single range scan.
      CREATE TABLE metric_series (
        id INTEGER PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        cohort TEXT NOT NULL CHECK (cohort IN ('canary','baseline')),
        region TEXT NOT NULL DEFAULT '',
        device TEXT NOT NULL DEFAULT '',
        tenant TEXT NOT NULL DEFAULT '',
        UNIQUE (release_id, metric, cohort, region, device, tenant)
      );
      CREATE TABLE samples (
        series_id INTEGER NOT NULL REFERENCES metric_series(id) ON DELETE CASCADE,
        t INTEGER NOT NULL,
        value REAL NOT NULL,
        weight REAL NOT NULL,
        PRIMARY KEY (series_id, t)
      ) WITHOUT ROWID;
      CREATE TABLE sample_rollups (
        series_id INTEGER NOT NULL REFERENCES metric_series(id) ON DELETE CASCADE,
        bucket INTEGER NOT NULL,
        n INTEGER NOT NULL,
        weight REAL NOT NULL,
        weighted_sum REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        PRIMARY KEY (series_id, bucket)
      ) WITHOUT ROWID;
      INSERT INTO metric_series (release_id, metric, cohort, region, device, tenant)
        SELECT DISTINCT release_id, metric, cohort, region, device, tenant FROM metric_samples;
      INSERT OR REPLACE INTO samples (series_id, t, value, weight)
        SELECT s.id, m.t, m.value, m.weight FROM metric_samples m
        JOIN metric_series s ON s.release_id = m.release_id AND s.metric = m.metric AND s.cohort = m.cohort
          AND s.region = m.region AND s.device = m.device AND s.tenant = m.tenant;
      DROP TABLE metric_samples;
    `,
};
