import { z } from 'zod';

/** A record's id, safe in a URL and a file name. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
