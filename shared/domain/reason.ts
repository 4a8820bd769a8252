import { z } from 'zod';

/** A decision's or a flag change's reason: long enough to say something, short enough to read in a log. */
export const REASON_MIN_CHARS = 3;
export const REASON_MAX_CHARS = 500;

export const Reason = z
  .string()
  .trim()
  .min(REASON_MIN_CHARS, `say why, in at least ${REASON_MIN_CHARS} characters`)
  .max(REASON_MAX_CHARS, `keep the reason under ${REASON_MAX_CHARS} characters`);
