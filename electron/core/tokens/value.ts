import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 random bytes, URL-safe: what a person pastes into a URL or an Authorization header. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** What the tokens table keeps instead of the value, so a copy of the file signs no one in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares in constant time so a token cannot be guessed byte by byte from response timing. */
export function sameToken(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(tokenHash(a)), Buffer.from(tokenHash(b)));
}
