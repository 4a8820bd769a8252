import type { ConnectionProblem } from '../../../shared/index.ts';
import { SourceError } from './types.ts';

/** Response headers as read here (undici's and the DOM's Headers both fit). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Where a call went, as messages name it: the service and its address without credentials. */
export interface Where {
  service: string;
  address: string;
}

/** The address as shown in messages: scheme, host, port and path, never user info (`https://user:pass@…`). */
export function displayAddress(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(an unreadable address)';
  }
}

/** Replaces every secret, and a few encodings of it, in a text that may reach a person or a log. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    // Very short values would blank out ordinary words; secrets this short are refused upstream anyway.
    if (s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s), Buffer.from(s).toString('base64')])) out = out.split(form).join('•••');
  }
  return out;
}

const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'CERT_REJECTED',
]);
const TLS_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const TLS_HOSTNAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);

/** The `code`s along an error's `cause` chain: fetch wraps the socket's error in a TypeError("fetch failed"). */
function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

/** A fetch that threw (no HTTP answer) as a SourceError: the network, TLS or the time limit. */
export function classifyThrown(err: unknown, where: Where, timeoutMs: number): SourceError {
  const at = `${where.service} at ${where.address}`;
  if (err instanceof SourceError) return err;
  const timedOut = err instanceof Error && (err.name === 'TimeoutError' || codesOf(err).some((c) => c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT'));
  if (timedOut) {
    return new SourceError('timeout', `${at} did not answer within ${Math.round(timeoutMs / 1000)} s: is it overloaded, or is the query too heavy?`);
  }
  const codes = codesOf(err);
  const has = (set: ReadonlySet<string>): string | undefined => codes.find((c) => set.has(c));
  const tls = (what: string, code: string, fix: string): SourceError => new SourceError('tls', `${at} ${what} (${code}): ${fix}`);
  let c: string | undefined;
  if ((c = has(TLS_UNTRUSTED))) return tls('presented a certificate this machine does not trust', c, 'add the CA that signed it to the connection');
  if ((c = has(TLS_EXPIRED))) return tls('presented an expired (or not yet valid) certificate', c, 'renew it on the server, or check this machine’s clock');
  if ((c = has(TLS_HOSTNAME))) return tls('presented a certificate for another hostname', c, 'use the name the certificate was issued for');
  if ((c = codes.find((x) => x.startsWith('ERR_SSL_') || x === 'EPROTO' || x.startsWith('ERR_TLS_')))) {
    return tls('failed the TLS handshake', c, 'does it speak HTTPS on that port, or plain http://?');
  }
  if (codes.includes('ECONNREFUSED')) return new SourceError('unreachable', `${at} refused the connection: is it running, and on that port?`);
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN') || codes.includes('EAI_NONAME')) {
    return new SourceError('unreachable', `${at}: the host name does not resolve; check the address and this machine’s DNS`);
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT') || codes.includes('EHOSTUNREACH') || codes.includes('ENETUNREACH')) {
    return new SourceError('unreachable', `${at} could not be reached over the network: check the address, the VPN or the firewall`);
  }
  if (codes.includes('ECONNRESET') || codes.includes('EPIPE') || codes.includes('UND_ERR_SOCKET') || codes.includes('UND_ERR_CLOSED')) {
    return new SourceError('unreachable', `${at} closed the connection mid-request: is it restarting, or is a proxy in between?`);
  }
  const detail = codes[0] ?? (err instanceof Error ? err.message : String(err));
  return new SourceError('unreachable', `${at} could not be reached (${detail.slice(0, 120)}): check the address`);
}

/** The problem an HTTP status stands for, before any provider adds its own words. */
export function problemOfStatus(status: number): ConnectionProblem {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

/** The default sentence for a status; providers replace it where they know better (a key, an organization). */
export function defaultStatusMessage(status: number, where: Where, said: string | null, retryAfterMs: number | null): string {
  const at = `${where.service} at ${where.address}`;
  const tail = said ? `: ${said}` : '';
  switch (problemOfStatus(status)) {
    case 'unauthorized':
      return `${at} rejected the credentials (401): check the token or password${tail}`;
    case 'forbidden':
      return `${at} refused access (403): the credentials lack permission for this${tail}`;
    case 'not_found':
      return `${at} has no such API (404): is the address right, including any path prefix?`;
    case 'rate_limited':
      return `${where.service} is rate-limiting these credentials (429): ${retryAfterMs === null ? 'try again later' : `next try in ${Math.ceil(retryAfterMs / 1000)} s`}`;
    case 'timeout':
      return `${at} timed out on the request (${status}): narrow the range or simplify the query${tail}`;
    case 'server_error':
      return `${at} failed with ${status}: try again later${tail}`;
    default:
      return `${where.service} refused the request (${status})${said ? `: ${said}` : ''}`;
  }
}

/** A header that holds a count of seconds or an absolute time. */
function seconds(raw: string | null): number | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw.trim());
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * How long a rate limit asks to wait, from the headers the three services send (APIS.md §4, §7):
 * `Retry-After` (seconds or an HTTP date), Datadog's `X-RateLimit-Reset` (seconds until the reset) and
 * Sentry's `X-Sentry-Rate-Limit-Reset` (epoch seconds). Null when none is usable.
 */
export function retryAfterMs(headers: HeaderReader, now: number): number | null {
  const candidates: number[] = [];
  const ra = headers.get('retry-after');
  const raSeconds = seconds(ra);
  if (raSeconds !== null) candidates.push(raSeconds * 1000);
  else if (ra) {
    const at = Date.parse(ra);
    if (Number.isFinite(at)) candidates.push(Math.max(0, at - now));
  }
  const reset = seconds(headers.get('x-ratelimit-reset'));
  // Documented as seconds until the reset; a value this large can only be an epoch, so read it as one.
  if (reset !== null) candidates.push(reset > 1e9 ? Math.max(0, reset * 1000 - now) : reset * 1000);
  const sentry = seconds(headers.get('x-sentry-rate-limit-reset'));
  if (sentry !== null) candidates.push(Math.max(0, sentry * 1000 - now));
  return candidates.length ? Math.round(Math.max(...candidates)) : null;
}
