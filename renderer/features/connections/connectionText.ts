import type { ConnectionKind, ConnectionProblem, ConnectionTest, ConnectionView, SecretState } from '../../../shared/domain/connections.ts';
import { SECRET_FIELD_LABELS } from '../../../shared/domain/connections.ts';
import { capitalized } from '../../../shared/domain/words.ts';

export const KIND_LABEL: Record<ConnectionKind, string> = { prometheus: 'Prometheus', datadog: 'Datadog', sentry: 'Sentry' };

/** What went wrong, in a few words; the client's own sentence says what to do. */
export const PROBLEM_LABEL: Record<ConnectionProblem, string> = {
  unreachable: 'Unreachable',
  tls: 'TLS problem',
  timeout: 'Timed out',
  unauthorized: 'Not authorized (401)',
  forbidden: 'Forbidden (403)',
  not_found: 'Not found: wrong organization, site or address?',
  rate_limited: 'Rate-limited',
  // Not "(400)": Stagegate refuses some requests itself (an address with a password in it) before one is sent.
  bad_request: 'Bad request',
  server_error: 'The service failed (5xx)',
  bad_response: 'Unexpected answer',
  missing_secret: 'A secret is missing',
};

export function testTitle(test: ConnectionTest): string {
  if (test.ok) return 'Connected';
  return test.problem ? PROBLEM_LABEL[test.problem] : 'Failed';
}

/** Where a connection points: Prometheus' and Sentry's address, Datadog's API host. */
export function addressOf(view: ConnectionView): string {
  const c = view.config;
  if (c.kind === 'prometheus') return c.baseUrl;
  if (c.kind === 'datadog') return `api.${c.site}`;
  return `${c.baseUrl} · ${c.organization}`;
}

export const secretLabel = (field: SecretState['field']): string => capitalized(SECRET_FIELD_LABELS[field]);

/** "set · …1234", "set" for a short one, "not set": a secret's value is never shown, only whether there is one. */
export function secretStateText(state: SecretState | undefined): string {
  if (!state?.set) return 'not set';
  return state.last4 ? `set · …${state.last4}` : 'set';
}
