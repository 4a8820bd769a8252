import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 12,
  name: 'chosen exposure',
  sql: `
      -- A halted Google Play rollout resumes at any fraction: what the target runs at when that is not
      -- the stage's exposure. NULL: the stage's own; the next stage, completing or rolling back clears it.
      ALTER TABLE releases ADD COLUMN chosen_exposure_pct REAL;
    `,
};
