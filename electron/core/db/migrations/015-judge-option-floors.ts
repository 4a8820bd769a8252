import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 15,
  name: 'judge options: a tau below 0.02 or an alpha below 1e-6, which plans no longer take, is raised to that floor',
  sql: `
      -- Plans once took any tau and alpha above 0. Below 0.02, the smallest effect the prior's grid
      -- holds, the prior sits on that one step whatever tau says (far below, its weights were NaN: no
      -- gate decided); below 1e-6 an alpha puts the boundary past what a rollout can gather. Raised,
      -- the release reads under the plan schema again and judges as it could before.
      UPDATE releases SET judge_options = json_set(judge_options, '$.tau', 0.02)
        WHERE judge_options IS NOT NULL AND json_extract(judge_options, '$.tau') < 0.02;
      UPDATE releases SET judge_options = json_set(judge_options, '$.alpha', 0.000001)
        WHERE judge_options IS NOT NULL AND json_extract(judge_options, '$.alpha') < 0.000001;
    `,
};
