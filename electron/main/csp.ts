import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';

/**
 * Sets the policy on every response the session receives (a dev server, anything fetched). file://
 * pages get no headers, so renderer/index.html carries the same policy as a meta tag.
 */
export function applyContentSecurityPolicy(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
