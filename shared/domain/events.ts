import { z } from 'zod';
import { KnownEventBody } from './eventPayloads.ts';
import { Decision } from './release.ts';

/** Everything the hosts push to subscribers travels as one of these, on one channel. */
export const PushEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('release.changed'), releaseId: z.string() }),
  z.object({ type: z.literal('decision.recorded'), decision: Decision }),
  z.object({ type: z.literal('samples.arrived'), releaseIds: z.array(z.string()), until: z.number().int() }),
]);
export type PushEvent = z.infer<typeof PushEvent>;

/**
 * A stored event this build cannot read as one of its kinds: a kind or payload version a newer build
 * wrote, or a row altered by hand. It is still listed, with its payload as stored.
 */
export const UnreadEventBody = z.object({ known: z.literal(false), kind: z.string(), payload: z.record(z.string(), z.unknown()) });
export type UnreadEventBody = z.infer<typeof UnreadEventBody>;

export type EventBody = (KnownEventBody & { known: true }) | UnreadEventBody;

const EventMeta = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  subject: z.string().nullable(),
  actor: z.string(),
  hash: z.string(),
});

export const LoggedEvent = z.union([EventMeta.extend({ known: z.literal(true) }).and(KnownEventBody), EventMeta.extend(UnreadEventBody.shape)]);
export type LoggedEvent = z.infer<typeof LoggedEvent>;

export const ChainReport = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first sequence number whose content or link does not match, when the log was altered. */
  brokenAt: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type ChainReport = z.infer<typeof ChainReport>;
