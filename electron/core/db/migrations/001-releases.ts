import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 1,
  name: 'releases, stages, decisions, events, metric samples',
  sql: `
      CREATE TABLE releases (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        app TEXT NOT NULL,
        version TEXT NOT NULL,
        target TEXT NOT NULL CHECK (target IN ('play','app_store','service','flag')),
        status TEXT NOT NULL CHECK (status IN ('planned','rolling','paused','halted','rolled_back','completed')),
        stage_index INTEGER NOT NULL DEFAULT 0,
        paused_ms_total INTEGER NOT NULL DEFAULT 0,
        paused_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE stages (
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        label TEXT NOT NULL,
        exposure_pct REAL NOT NULL CHECK (exposure_pct BETWEEN 0 AND 100),
        min_soak_s INTEGER NOT NULL,
        min_samples INTEGER NOT NULL,
        promotion TEXT NOT NULL CHECK (promotion IN ('automatic','manual')),
        on_failure TEXT NOT NULL CHECK (on_failure IN ('pause','halt','rollback')),
        started_at INTEGER,
        PRIMARY KEY (release_id, idx)
      );
      CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES releases(id),
        stage_idx INTEGER NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        evidence TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TRIGGER decisions_immutable_u BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
      CREATE TRIGGER decisions_immutable_d BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT,
        actor TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
      CREATE TRIGGER events_append_only_d BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
      CREATE TABLE metric_samples (
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        cohort TEXT NOT NULL CHECK (cohort IN ('canary','baseline')),
        region TEXT NOT NULL DEFAULT '',
        device TEXT NOT NULL DEFAULT '',
        tenant TEXT NOT NULL DEFAULT '',
        t INTEGER NOT NULL,
        value REAL NOT NULL,
        weight REAL NOT NULL DEFAULT 1
      );
      CREATE INDEX metric_samples_window ON metric_samples (release_id, metric, t);
    `,
};
