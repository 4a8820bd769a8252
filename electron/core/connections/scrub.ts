import type { ConnectionConfig } from '../../../shared/index.ts';
import type { ConnectionSecrets } from './resolve.ts';

export const SCRUBBED = '[secret]';

/**
 * Every spelling of the connection's secrets a client could put in a message: as is, URL- and
 * JSON-escaped, in base64, and basic auth's base64 of "user:password".
 */
export function secretSpellings(config: ConnectionConfig, secrets: ConnectionSecrets): string[] {
  const values = Object.values(secrets).filter((v): v is string => typeof v === 'string' && v.length > 0);
  const spellings = values.flatMap((v) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1), Buffer.from(v).toString('base64')]);
  if (config.kind === 'prometheus' && config.username !== undefined && secrets.password) spellings.push(Buffer.from(`${config.username}:${secrets.password}`).toString('base64'));
  // Longest first, so a secret that contains another is removed whole.
  return [...new Set(spellings)].sort((a, b) => b.length - a.length);
}

/** The text with every spelling of a secret replaced: a client's message must never carry one out of the core. */
export function scrub(text: string, spellings: readonly string[]): string {
  let out = text;
  for (const s of spellings) out = out.split(s).join(SCRUBBED);
  return out;
}
