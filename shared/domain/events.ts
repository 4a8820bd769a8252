import { z } from 'zod';
import { Decision } from './release.ts';

/** Everything the hosts push to subscribers travels as one of these, on one channel. */
export const PushEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('release.changed'), releaseId: z.string() }),
  z.object({ type: z.literal('decision.recorded'), decision: Decision }),
  z.object({ type: z.literal('samples.arrived'), releaseIds: z.array(z.string()), until: z.number().int() }),
]);
export type PushEvent = z.infer<typeof PushEvent>;

export const LoggedEvent = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  kind: z.string(),
  subject: z.string().nullable(),
  actor: z.string(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type LoggedEvent = z.infer<typeof LoggedEvent>;

export const ChainReport = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first sequence number whose content or link does not match, when the log was altered. */
  brokenAt: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type ChainReport = z.infer<typeof ChainReport>;
