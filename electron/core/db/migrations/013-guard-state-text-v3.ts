import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 13,
  name: 'guard state text v3',
  sql: `
      -- No table changes: guard_state.state is now written as version 3 (its grids as base64 float64,
      -- shared/evidence/state.ts), which builds before this one cannot read. The version number makes
      -- such a build refuse the file when it opens it, not fail at the guard's next look.
      SELECT 1;
    `,
};
