import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/index.ts';
import type { Db } from './db/open.ts';

export interface TokenInfo {
  id: string;
  role: Role;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Stores only the token's hash: the token itself is shown once, to whoever created it. */
export function createToken(db: Db, role: Role, label: string, now: number): { token: string; info: TokenInfo } {
  const token = newToken();
  const info: TokenInfo = { id: randomUUID(), role, label, createdAt: now, revokedAt: null };
  db.prepare('INSERT INTO tokens (id, hash, role, label, created_at) VALUES (?, ?, ?, ?, ?)').run(info.id, hashOf(token), role, label, now);
  return { token, info };
}

export function listTokens(db: Db): TokenInfo[] {
  return (
    db.prepare('SELECT id, role, label, created_at AS createdAt, revoked_at AS revokedAt FROM tokens ORDER BY created_at').all() as TokenInfo[]
  );
}

export function revokeToken(db: Db, id: string, now: number): boolean {
  return db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes === 1;
}

export function findStoredToken(db: Db, token: string): TokenInfo | null {
  const row = db
    .prepare('SELECT id, role, label, created_at AS createdAt, revoked_at AS revokedAt FROM tokens WHERE hash = ? AND revoked_at IS NULL')
    .get(hashOf(token)) as TokenInfo | undefined;
  return row ?? null;
}

/** Compares in constant time so a token cannot be guessed byte by byte from response timing. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(hashOf(a));
  const y = Buffer.from(hashOf(b));
  return timingSafeEqual(x, y);
}
