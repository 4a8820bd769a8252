import { z } from 'zod';
import { DAY_MS } from '../time.ts';

export const FlagType = z.enum(['release', 'experiment', 'operational', 'kill_switch', 'permission']);
export type FlagType = z.infer<typeof FlagType>;

export const ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export const Environment = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof Environment>;

export const FlagState = z.object({ mode: z.enum(['off', 'on', 'percentage']), pct: z.number().min(0).max(100).default(0) }).strict();
export type FlagState = z.infer<typeof FlagState>;

export const FlagExpiry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('date'), at: z.number().int() }).strict(),
  /** "Two trains after 100 %": counted from the full release of the train run current when the flag was made. */
  z.object({ kind: z.literal('train'), trainId: z.string().min(1), trainsAfterFull: z.number().int().min(0).max(52) }).strict(),
]);
export type FlagExpiry = z.infer<typeof FlagExpiry>;

export const FlagKey = z.string().min(2).max(80).regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits and . _ - only');

export const Flag = z.object({
  key: FlagKey,
  description: z.string(),
  owner: z.string(),
  type: FlagType,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Counts edits of what describes the flag (not its states); an edit names the version it was based on. */
  version: z.number().int().min(1),
  expiry: FlagExpiry,
  cleanup: z.string(),
  states: z.record(Environment, FlagState),
  linkedReleases: z.array(z.string()),
  /** When it expires (null: never), and the two warnings the registry shows with the owner. */
  expiresAt: z.number().int().nullable(),
  expired: z.boolean(),
  stale: z.boolean(),
});
export type Flag = z.infer<typeof Flag>;

export const STALE_AFTER_MS = 30 * DAY_MS;

/** A temporary flag untouched for a month is stale: it is probably done, or forgotten. */
export function isStale(flag: Pick<Flag, 'type' | 'updatedAt'>, now: number): boolean {
  return (flag.type === 'release' || flag.type === 'experiment') && now - flag.updatedAt > STALE_AFTER_MS;
}

/** What an operator can edit on a flag; its states change only one environment at a time, with a reason. */
export type FlagMeta = Pick<Flag, 'description' | 'owner' | 'type' | 'expiry' | 'cleanup' | 'linkedReleases'>;
export type FlagMetaField = keyof FlagMeta;

export const FLAG_FIELD_LABELS: Record<FlagMetaField, string> = {
  description: 'description',
  owner: 'owner',
  type: 'type',
  expiry: 'expiry',
  cleanup: 'cleanup plan',
  linkedReleases: 'linked releases',
};

function sameExpiry(a: FlagExpiry, b: FlagExpiry): boolean {
  if (a.kind === 'date' && b.kind === 'date') return a.at === b.at;
  if (a.kind === 'train' && b.kind === 'train') return a.trainId === b.trainId && a.trainsAfterFull === b.trainsAfterFull;
  return a.kind === b.kind;
}

/** The fields an edit changes; linked releases compare as a set, since their order means nothing. */
export function changedFlagFields(before: FlagMeta, after: FlagMeta): FlagMetaField[] {
  const links = (ids: readonly string[]) => [...new Set(ids)].sort().join('\n');
  const changed: FlagMetaField[] = [];
  for (const field of ['description', 'owner', 'type', 'cleanup'] as const) if (before[field] !== after[field]) changed.push(field);
  if (!sameExpiry(before.expiry, after.expiry)) changed.push('expiry');
  if (links(before.linkedReleases) !== links(after.linkedReleases)) changed.push('linkedReleases');
  return changed;
}
