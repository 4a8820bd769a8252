import type { Input } from '../../../shared/contract.ts';
import type { ConnectionConfigInput, ConnectionKind, ConnectionView, SecretField } from '../../../shared/domain/connections.ts';
import type { InputIssue } from '../../../shared/result.ts';

export type PrometheusAuth = 'none' | 'bearer' | 'basic';
export type DatadogSiteName = NonNullable<Extract<ConnectionConfigInput, { kind: 'datadog' }>['site']>;

/** A secret on the form: kept as stored, replaced by what is typed, or cleared on save. Typed text never leaves the form but in a save or a test. */
export interface SecretDraft {
  mode: 'keep' | 'replace' | 'clear';
  value: string;
}

/** What the connection form holds, as typed; every kind's fields, so switching kind on a new one loses nothing. */
export interface ConnectionFormState {
  name: string;
  kind: ConnectionKind;
  prometheusUrl: string;
  auth: PrometheusAuth;
  username: string;
  caCert: string;
  site: DatadogSiteName;
  sentryUrl: string;
  organization: string;
  projects: string;
  environment: string;
  secrets: Record<SecretField, SecretDraft>;
}

export type ConnectionField = 'name' | 'kind' | 'baseUrl' | 'auth' | 'username' | 'caCert' | 'site' | 'organization' | 'projects' | 'environment' | SecretField;
export type FieldProblems = Partial<Record<ConnectionField, string>>;

export const SENTRY_URL = 'https://sentry.io';
const SECRET_FIELDS: readonly SecretField[] = ['token', 'password', 'apiKey', 'appKey', 'authToken'];
const typing = (): SecretDraft => ({ mode: 'replace', value: '' });

export function emptyConnectionForm(kind: ConnectionKind = 'prometheus'): ConnectionFormState {
  return {
    name: '',
    kind,
    prometheusUrl: '',
    auth: 'none',
    username: '',
    caCert: '',
    site: 'datadoghq.com',
    sentryUrl: SENTRY_URL,
    organization: '',
    projects: '',
    environment: '',
    secrets: Object.fromEntries(SECRET_FIELDS.map((f) => [f, typing()])) as Record<SecretField, SecretDraft>,
  };
}

/** An edit starts from what is saved: a set secret is kept until replaced or cleared; an unset one can be typed. */
export function formFromView(view: ConnectionView): ConnectionFormState {
  const form = emptyConnectionForm(view.config.kind);
  form.name = view.name;
  for (const s of view.secrets) if (s.set) form.secrets[s.field] = { mode: 'keep', value: '' };
  const c = view.config;
  if (c.kind === 'prometheus') Object.assign(form, { prometheusUrl: c.baseUrl, auth: c.auth, username: c.username ?? '', caCert: c.caCert ?? '' });
  if (c.kind === 'datadog') form.site = c.site;
  if (c.kind === 'sentry') Object.assign(form, { sentryUrl: c.baseUrl, organization: c.organization, projects: c.projects.join(', '), environment: c.environment ?? '' });
  return form;
}

/** The secrets the form's kind and auth use, as the contract names them. */
export function secretFieldsOfForm(form: Pick<ConnectionFormState, 'kind' | 'auth'>): SecretField[] {
  if (form.kind === 'datadog') return ['apiKey', 'appKey'];
  if (form.kind === 'sentry') return ['authToken'];
  return form.auth === 'bearer' ? ['token'] : form.auth === 'basic' ? ['password'] : [];
}

export function configOf(form: ConnectionFormState): ConnectionConfigInput {
  switch (form.kind) {
    case 'prometheus':
      return {
        kind: 'prometheus',
        baseUrl: form.prometheusUrl.trim(),
        auth: form.auth,
        ...(form.auth === 'basic' && form.username.trim() ? { username: form.username.trim() } : {}),
        ...(form.caCert.trim() ? { caCert: form.caCert } : {}),
      };
    case 'datadog':
      return { kind: 'datadog', site: form.site };
    case 'sentry':
      return {
        kind: 'sentry',
        baseUrl: form.sentryUrl.trim() || SENTRY_URL,
        organization: form.organization.trim(),
        projects: form.projects.split(/[\s,]+/).filter(Boolean),
        ...(form.environment.trim() ? { environment: form.environment.trim() } : {}),
      };
  }
}

/** Replaced secrets as typed, cleared ones as null; a kept one, or an empty field, is left out (the host keeps what it has). */
export function secretsOf(form: ConnectionFormState): Partial<Record<SecretField, string | null>> {
  const out: Partial<Record<SecretField, string | null>> = {};
  for (const field of secretFieldsOfForm(form)) {
    const d = form.secrets[field];
    if (d.mode === 'clear') out[field] = null;
    else if (d.mode === 'replace' && d.value !== '') out[field] = d.value;
  }
  return out;
}

export type FormCheck = { ok: true; input: Input<'saveConnection'> } | { ok: false; problems: FieldProblems };

/** The few checks worth making before asking the host; the host checks the rest and names the fields. */
export function formToSaveInput(form: ConnectionFormState, original?: ConnectionView): FormCheck {
  const problems: FieldProblems = {};
  if (!form.name.trim()) problems.name = 'Name the connection.';
  if (form.kind === 'prometheus' && !form.prometheusUrl.trim()) problems.baseUrl = "Give Prometheus' address, e.g. http://prometheus.internal:9090.";
  if (form.kind === 'sentry' && !form.organization.trim()) problems.organization = "Give the organization's slug, as in sentry.io/organizations/<slug>/.";
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      name: form.name.trim(),
      config: configOf(form),
      secrets: secretsOf(form),
      // An edit names the version it was opened on, so the host can refuse it if someone saved in between.
      ...(original ? { id: original.id, expectedVersion: original.version } : {}),
    },
  };
}

/** What "Test connection" sends: the saved connection when nothing is edited (the host keeps that answer), else the draft. */
export function testInput(form: ConnectionFormState, original?: ConnectionView): Input<'testConnection'> {
  const config = configOf(form);
  const secrets = secretsOf(form);
  if (!original) return { config, secrets };
  const edited = JSON.stringify(configOf(formFromView(original))) !== JSON.stringify(config) || Object.keys(secrets).length > 0;
  return edited ? { id: original.id, config, secrets } : { id: original.id };
}

const FIELD_OF_PATH: Record<string, ConnectionField> = {
  name: 'name',
  kind: 'kind',
  baseUrl: 'baseUrl',
  auth: 'auth',
  username: 'username',
  caCert: 'caCert',
  site: 'site',
  organization: 'organization',
  projects: 'projects',
  environment: 'environment',
};

/**
 * Puts the host's issues next to their fields: `config.baseUrl` and `secrets.token` from invalid_input, and
 * `baseUrl` or `secrets.token` from a stale edit's conflict; the rest stay general.
 */
export function problemsFromIssues(issues: readonly InputIssue[]): { fields: FieldProblems; rest: InputIssue[] } {
  const fields: FieldProblems = {};
  const rest: InputIssue[] = [];
  for (const issue of issues) {
    const parts = issue.path.split('.');
    const head = parts[0] === 'config' ? parts[1] : parts[0];
    const field: ConnectionField | undefined =
      parts[0] === 'secrets' && SECRET_FIELDS.includes(parts[1] as SecretField) ? (parts[1] as SecretField) : head !== undefined ? FIELD_OF_PATH[head] : undefined;
    if (!field) rest.push(issue);
    else fields[field] = fields[field] ? `${fields[field]}; ${issue.message}` : issue.message;
  }
  return { fields, rest };
}
