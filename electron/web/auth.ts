import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/index.ts';
import type { Core } from '../core/core.ts';
import { sameToken } from '../core/tokens/value.ts';

export const SESSION_COOKIE = 'sg_session';

export interface AuthConfig {
  /** The core's check of stored tokens: the host asks it, never the database. */
  tokens: Core['tokens'];
  /** The operator token of this host run (STAGEGATE_TOKEN, or generated at start and printed). */
  operatorToken: string;
  /** A read-only token from STAGEGATE_VIEWER_TOKEN; more are created with the CLI and stored hashed. */
  viewerToken: string | null;
}

export interface Principal {
  role: Role;
  actor: string;
}

export function principalFor(config: AuthConfig, token: string): Principal | null {
  if (sameToken(token, config.operatorToken)) return { role: 'operator', actor: 'operator' };
  if (config.viewerToken && sameToken(token, config.viewerToken)) return { role: 'viewer', actor: 'viewer' };
  const stored = config.tokens.authenticate(token);
  return stored ? { role: stored.role, actor: `${stored.role}:${stored.label}` } : null;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      // A cookie this host never set (it encodes its own): no session, rather than a failure.
      return null;
    }
  }
  return null;
}

/** A bearer header wins; the HttpOnly cookie is how the built renderer authenticates without seeing the token. */
export function presentedToken(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  // The scheme is case-insensitive (RFC 9110): "bearer …" from some clients is the same header.
  const bearer = auth === undefined ? null : /^bearer +(.*)$/i.exec(auth);
  if (bearer) return bearer[1]!.trim() || null;
  return cookieValue(request.headers.cookie, SESSION_COOKIE);
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The names a loopback-bound host answers to and binds to without a warning; IPv6 without its URL brackets. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

/** Whether a host name (or a Host header's name, '[::1]' with brackets) is a loopback one. */
export function isLoopbackHost(name: string): boolean {
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  return LOOPBACK_HOSTS.has(bare.toLowerCase());
}

/** Refuses a Host header naming another site, so DNS rebinding cannot reach a loopback host. */
export function hostAllowed(hostHeader: string | undefined, boundToLoopback: boolean): boolean {
  if (!boundToLoopback) return true;
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!;
  return isLoopbackHost(name);
}
