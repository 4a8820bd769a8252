import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 3,
  name: 'gates per stage, trains, flags, simulator faults, gate overrides, approvals',
  sql: `
      ALTER TABLE stages ADD COLUMN gates TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE releases ADD COLUMN train_id TEXT;
      ALTER TABLE releases ADD COLUMN train_run INTEGER;
      ALTER TABLE releases ADD COLUMN plan_name TEXT NOT NULL DEFAULT '';
      -- Set when the guard found a manual stage ready; cleared by the next decision.
      ALTER TABLE releases ADD COLUMN approval_requested_at INTEGER;
      CREATE TABLE trains (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        app TEXT NOT NULL,
        target TEXT NOT NULL,
        cadence_days INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 90),
        first_kickoff INTEGER NOT NULL,
        phases TEXT NOT NULL,
        rotation TEXT NOT NULL,
        plan TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE train_checks (
        train_id TEXT NOT NULL REFERENCES trains(id) ON DELETE CASCADE,
        run INTEGER NOT NULL,
        phase TEXT NOT NULL,
        item TEXT NOT NULL,
        checked_by TEXT NOT NULL,
        checked_at INTEGER NOT NULL,
        PRIMARY KEY (train_id, run, phase, item)
      );
      CREATE TABLE flags (
        key TEXT PRIMARY KEY,
        description TEXT NOT NULL,
        owner TEXT NOT NULL,
        type TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expiry TEXT NOT NULL,
        cleanup TEXT NOT NULL,
        states TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE flag_releases (
        flag_key TEXT NOT NULL REFERENCES flags(key) ON DELETE CASCADE,
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        PRIMARY KEY (flag_key, release_id)
      );
      CREATE TABLE sim_faults (
        id TEXT PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        region TEXT NOT NULL DEFAULT '',
        device TEXT NOT NULL DEFAULT '',
        tenant TEXT NOT NULL DEFAULT '',
        factor REAL NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE gate_overrides (
        id TEXT PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        stage_idx INTEGER NOT NULL,
        gate_id TEXT NOT NULL,
        reason_code TEXT NOT NULL,
        decision_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX gate_overrides_active ON gate_overrides (release_id, stage_idx, expires_at);
      CREATE INDEX decisions_by_time ON decisions (created_at DESC);
      -- The gates' verdict when the decision was taken, for filtering the decision log.
      ALTER TABLE decisions ADD COLUMN verdict TEXT NOT NULL DEFAULT 'none';
      CREATE INDEX events_by_subject ON events (subject, seq);
    `,
};
