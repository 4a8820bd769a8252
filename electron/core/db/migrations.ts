import type { Database } from 'better-sqlite3';
import { writeTransaction } from './write.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered and append-only: a shipped migration is never edited, a new one is added. */
export const migrations: readonly Migration[] = [
  {
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
  },
  {
    version: 2,
    name: 'tokens, decision lookup by release, the event chain head',
    sql: `
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer','operator')),
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX decisions_by_release ON decisions (release_id, created_at DESC);
      -- The head lets a deleted tail of the log be noticed, not only an edit in the middle.
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
    version: 6,
    name: 'guard state: the sequential evidence per release and stage, and the judge options of a plan',
    sql: `
      -- Owned by the guard and advanced only by its looks: the e-processes of every gate and
      -- segment (JSON, schema GuardStageState in shared/evidence/state.ts) and the last look's
      -- outcome, which readers serve as they are.
      CREATE TABLE guard_state (
        release_id TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        stage_index INTEGER NOT NULL,
        state TEXT NOT NULL,
        last_look TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (release_id, stage_index)
      ) WITHOUT ROWID;
      -- JSON of the plan's judge options (shared/evidence/options.ts); NULL = the defaults.
      ALTER TABLE releases ADD COLUMN judge_options TEXT;
    `,
  },
  {
    version: 7,
    name: 'flag edit versions',
    sql: `
      -- An edit names the version it was based on, so a second editor is told instead of overwriting.
      ALTER TABLE flags ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 8,
    name: 'train edit versions',
    sql: `
      -- As for flags: an edit of a train names the version it was based on.
      ALTER TABLE trains ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
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
  },
];

export const LATEST_VERSION = migrations.at(-1)?.version ?? 0;

export class DatabaseFromFutureError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(file: string, found: number, supported: number) {
    super(
      `${file} was written by a newer Stagegate (database version ${found}; this build knows up to ${supported}). ` +
        'Update Stagegate, or point --data-dir at another folder; the file was left untouched.',
    );
    this.name = 'DatabaseFromFutureError';
    this.found = found;
    this.supported = supported;
  }
}

/** The file's schema version; a file from a newer Stagegate is refused before anything is written to it. */
export function assertNotFromFuture(db: Database, file: string): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > LATEST_VERSION) throw new DatabaseFromFutureError(file, found, LATEST_VERSION);
  return found;
}

/** Applies every pending migration in one transaction: a failure leaves the file as it was. */
export function migrate(db: Database, file: string, upTo: number = LATEST_VERSION): { from: number; to: number } {
  // Two hosts may open a new file at once: the version is read again under the write lock, so one migrates and the other sees it done.
  return writeTransaction(db, () => {
    const from = assertNotFromFuture(db, file);
    const pending = migrations.filter((m) => m.version > from && m.version <= upTo);
    if (pending.length === 0) return { from, to: from };
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
    return { from, to: pending.at(-1)!.version };
  });
}
