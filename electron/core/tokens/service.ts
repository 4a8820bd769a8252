import { randomUUID } from 'node:crypto';
import { fail, ok, type CreatedToken, type Result, type Role, type TokenInfo } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/write.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { activeTokenByHash, insertToken, markRevoked, tokenById, tokenRows } from './repo.ts';
import { newToken, tokenHash } from './value.ts';

/** Who a presented token stands for; what the web host needs to name and limit its caller. */
export interface AuthenticatedToken {
  id: string;
  role: Role;
  label: string;
}

/** The log names a token by id, role and label: never its value or hash, which would let a reader of the log sign in. */
const logged = (info: TokenInfo) => ({ tokenId: info.id, role: info.role, label: info.label });

/** A new token: its hash, its row and the event recording who made it, in one transaction. The value leaves only in the answer. */
export function createToken(db: Db, input: { role: Role; label: string }, actor: string, now: number): CreatedToken {
  const token = newToken();
  const info: TokenInfo = { id: randomUUID(), role: input.role, label: input.label, createdAt: now, revokedAt: null };
  writeTransaction(db, () => {
    insertToken(db, info, tokenHash(token));
    appendEvent(db, { kind: 'token.created', subject: info.id, actor, at: now, payload: logged(info) });
  });
  return { info, token };
}

export function listTokens(db: Db): TokenInfo[] {
  return tokenRows(db);
}

/** Revokes an active token and records who did; an unknown or already revoked one changes nothing. */
export function revokeToken(db: Db, id: string, actor: string, now: number): Result<TokenInfo> {
  return writeTransaction(db, (): Result<TokenInfo> => {
    const before = tokenById(db, id);
    if (!before || before.revokedAt !== null) return fail('not_found', `No active token "${id}".`);
    markRevoked(db, id, now);
    appendEvent(db, { kind: 'token.revoked', subject: id, actor, at: now, payload: logged(before) });
    return ok({ ...before, revokedAt: now });
  });
}

/** The active stored token a presented value is, found by its hash; null for anything else (revoked, unknown). */
export function authenticate(db: Db, token: string): AuthenticatedToken | null {
  const found = activeTokenByHash(db, tokenHash(token));
  return found ? { id: found.id, role: found.role, label: found.label } : null;
}
