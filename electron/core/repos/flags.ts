import { ENVIRONMENTS, isStale, type Environment, type Flag, type FlagExpiry, type FlagMeta as SharedFlagMeta, type FlagState, type FlagType } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';

interface FlagRow {
  key: string;
  description: string;
  owner: string;
  type: FlagType;
  created_at: number;
  updated_at: number;
  version: number;
  expiry: string;
  cleanup: string;
  states: string;
}

export type FlagMeta = SharedFlagMeta & { key: string };

export const DARK: Record<Environment, FlagState> = Object.fromEntries(ENVIRONMENTS.map((e) => [e, { mode: 'off', pct: 0 }])) as Record<Environment, FlagState>;

/** Reads a flag; `expiresAt` is worked out by the caller, who knows the trains. */
export function getFlag(db: Db, key: string, expiresAt: (expiry: FlagExpiry, createdAt: number) => number | null, now: number): Flag | null {
  const row = db.prepare('SELECT * FROM flags WHERE key = ?').get(key) as FlagRow | undefined;
  if (!row) return null;
  const expiry = JSON.parse(row.expiry) as FlagExpiry;
  const at = expiresAt(expiry, row.created_at);
  const linkedReleases = (db.prepare('SELECT release_id FROM flag_releases WHERE flag_key = ? ORDER BY release_id').all(key) as { release_id: string }[]).map((r) => r.release_id);
  return {
    key: row.key,
    description: row.description,
    owner: row.owner,
    type: row.type,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    expiry,
    cleanup: row.cleanup,
    states: { ...DARK, ...(JSON.parse(row.states) as Partial<Record<Environment, FlagState>>) },
    linkedReleases,
    expiresAt: at,
    expired: at !== null && at <= now,
    stale: isStale({ type: row.type, updatedAt: row.updated_at }, now),
  };
}

export function flagKeys(db: Db): string[] {
  return (db.prepare('SELECT key FROM flags ORDER BY key').all() as { key: string }[]).map((r) => r.key);
}

export function flagKeysOfRelease(db: Db, releaseId: string): string[] {
  return (db.prepare('SELECT flag_key FROM flag_releases WHERE release_id = ?').all(releaseId) as { flag_key: string }[]).map((r) => r.flag_key);
}

/** Creates the flag, dark in every environment, at version 1. */
export function insertFlag(db: Db, meta: FlagMeta, now: number): void {
  db.prepare('INSERT INTO flags (key, description, owner, type, created_at, updated_at, expiry, cleanup, states) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    meta.key,
    meta.description,
    meta.owner,
    meta.type,
    now,
    now,
    JSON.stringify(meta.expiry),
    meta.cleanup,
    JSON.stringify(DARK),
  );
  linkReleases(db, meta);
}

/** Updates what describes the flag, leaving its states alone; returns its new version. */
export function updateFlagMeta(db: Db, meta: FlagMeta, now: number): number {
  const row = db
    .prepare('UPDATE flags SET description = ?, owner = ?, type = ?, expiry = ?, cleanup = ?, updated_at = ?, version = version + 1 WHERE key = ? RETURNING version')
    .get(meta.description, meta.owner, meta.type, JSON.stringify(meta.expiry), meta.cleanup, now, meta.key) as { version: number };
  linkReleases(db, meta);
  return row.version;
}

function linkReleases(db: Db, meta: FlagMeta): void {
  db.prepare('DELETE FROM flag_releases WHERE flag_key = ?').run(meta.key);
  const link = db.prepare('INSERT INTO flag_releases (flag_key, release_id) VALUES (?, ?)');
  for (const id of new Set(meta.linkedReleases)) link.run(meta.key, id);
}

export function setFlagState(db: Db, key: string, environment: Environment, state: FlagState, now: number): void {
  const row = db.prepare('SELECT states FROM flags WHERE key = ?').get(key) as { states: string };
  const states = { ...DARK, ...(JSON.parse(row.states) as Record<string, FlagState>), [environment]: state };
  db.prepare('UPDATE flags SET states = ?, updated_at = ? WHERE key = ?').run(JSON.stringify(states), now, key);
}
