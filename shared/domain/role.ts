import { z } from 'zod';

/** Who may call what: a viewer reads, an operator also changes the rollout. */
export const Role = z.enum(['viewer', 'operator']);
export type Role = z.infer<typeof Role>;
