import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 15,
  name: 'judge options: a tau stored below the floor plans now have (0.02) is raised to it',
  sql: `
      -- Plans once took any tau above 0; below 0.02, the smallest effect the prior's grid holds, the
      -- prior sits on that one step whatever tau says (and far below, its weights were NaN: no gate
      -- decided). Raised, the release reads under the plan schema again and judges as it did.
      UPDATE releases SET judge_options = json_set(judge_options, '$.tau', 0.02)
        WHERE judge_options IS NOT NULL AND json_extract(judge_options, '$.tau') < 0.02;
    `,
};
