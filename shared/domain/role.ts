import { z } from 'zod';

/** What a caller may do: read (viewer) or everything (operator). */
export const Role = z.enum(['viewer', 'operator']);
export type Role = z.infer<typeof Role>;
