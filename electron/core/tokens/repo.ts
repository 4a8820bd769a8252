import type { TokenInfo } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';

const COLUMNS = 'id, role, label, created_at AS createdAt, revoked_at AS revokedAt';

// The role column is CHECKed to viewer or operator, so a row reads as a TokenInfo without parsing.
export function insertToken(db: Db, info: TokenInfo, hash: string): void {
  statement(db, 'INSERT INTO tokens (id, hash, role, label, created_at) VALUES (?, ?, ?, ?, ?)').run(info.id, hash, info.role, info.label, info.createdAt);
}

export function tokenRows(db: Db): TokenInfo[] {
  return statement(db, `SELECT ${COLUMNS} FROM tokens ORDER BY created_at, id`).all() as TokenInfo[];
}

export function tokenById(db: Db, id: string): TokenInfo | null {
  return (statement(db, `SELECT ${COLUMNS} FROM tokens WHERE id = ?`).get(id) as TokenInfo | undefined) ?? null;
}

export function activeTokenByHash(db: Db, hash: string): TokenInfo | null {
  return (statement(db, `SELECT ${COLUMNS} FROM tokens WHERE hash = ? AND revoked_at IS NULL`).get(hash) as TokenInfo | undefined) ?? null;
}

export function markRevoked(db: Db, id: string, at: number): void {
  statement(db, 'UPDATE tokens SET revoked_at = ? WHERE id = ?').run(at, id);
}
