import type { Migration } from './migration.ts';

export const migration: Migration = {
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
};
