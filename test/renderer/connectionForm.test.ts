import { describe, expect, it } from 'vitest';
import { configOf, emptyConnectionForm, formFromView, formToSaveInput, problemsFromIssues, secretsOf, testInput } from '../../renderer/features/connections/connectionFormState.ts';
import { addressOf, secretStateText, testTitle } from '../../renderer/features/connections/connectionText.ts';
import type { ConnectionView } from '../../shared/domain/connections.ts';

const prom = (over: Partial<ConnectionView> = {}): ConnectionView => ({
  id: 'prod-prom',
  name: 'Prod Prometheus',
  config: { kind: 'prometheus', baseUrl: 'https://prom.internal', auth: 'bearer' },
  secrets: [{ field: 'token', set: true, last4: 'abcd' }],
  createdAt: 1,
  updatedAt: 1,
  version: 3,
  lastTest: null,
  ...over,
});

describe('the connection form', () => {
  it('creates a Prometheus connection with the typed token, and asks for a name and an address first', () => {
    const form = emptyConnectionForm();
    expect(formToSaveInput(form)).toEqual({ ok: false, problems: { name: 'Name the connection.', baseUrl: "Give Prometheus' address, e.g. http://prometheus.internal:9090." } });
    Object.assign(form, { name: ' Prod ', prometheusUrl: ' https://prom.internal ', auth: 'bearer', username: 'unused' });
    form.secrets.token = { mode: 'replace', value: 'typed-token-123456' };
    form.secrets.password = { mode: 'replace', value: 'not for bearer' };
    expect(formToSaveInput(form)).toEqual({ ok: true, input: { name: 'Prod', config: { kind: 'prometheus', baseUrl: 'https://prom.internal', auth: 'bearer' }, secrets: { token: 'typed-token-123456' } } });
  });

  it('edits at the version it opened on; a kept secret is left out, a cleared one is null', () => {
    const view = prom();
    const form = formFromView(view);
    expect(form.secrets.token).toEqual({ mode: 'keep', value: '' });
    expect(formToSaveInput(form, view)).toMatchObject({ ok: true, input: { id: 'prod-prom', expectedVersion: 3, secrets: {} } });
    form.secrets.token = { mode: 'replace', value: '' };
    expect(secretsOf(form)).toEqual({});
    form.secrets.token = { mode: 'clear', value: '' };
    expect(secretsOf(form)).toEqual({ token: null });
  });

  it('tests the saved connection when nothing is edited (kept as its last test), else the draft', () => {
    const view = prom();
    const form = formFromView(view);
    expect(testInput(form, view)).toEqual({ id: 'prod-prom' });
    form.secrets.token = { mode: 'replace', value: 'draft-token-000000' };
    expect(testInput(form, view)).toEqual({ id: 'prod-prom', config: view.config, secrets: { token: 'draft-token-000000' } });
    const moved = formFromView(view);
    moved.prometheusUrl = 'https://prom2.internal';
    expect(testInput(moved, view)).toEqual({ id: 'prod-prom', config: { ...view.config, baseUrl: 'https://prom2.internal' }, secrets: {} });
    expect(testInput(emptyConnectionForm('datadog'))).toEqual({ config: { kind: 'datadog', site: 'datadoghq.com' }, secrets: {} });
  });

  it('builds Sentry and Datadog configs from what was typed', () => {
    const sentry = Object.assign(emptyConnectionForm('sentry'), { organization: 'acme', projects: '4505, 4506  4505', environment: ' ', sentryUrl: '' });
    expect(configOf(sentry)).toEqual({ kind: 'sentry', baseUrl: 'https://sentry.io', organization: 'acme', projects: ['4505', '4506', '4505'] });
    const round = formFromView(prom({ config: { kind: 'sentry', baseUrl: 'https://sentry.example', organization: 'acme', projects: ['1', '2'], environment: 'prod' }, secrets: [{ field: 'authToken', set: false, last4: null }] }));
    expect(configOf(round)).toEqual({ kind: 'sentry', baseUrl: 'https://sentry.example', organization: 'acme', projects: ['1', '2'], environment: 'prod' });
    expect(round.secrets.authToken).toEqual({ mode: 'replace', value: '' });
    expect(configOf(Object.assign(emptyConnectionForm('datadog'), { site: 'datadoghq.eu' }))).toEqual({ kind: 'datadog', site: 'datadoghq.eu' });
  });

  it("puts the host's issues beside their fields: invalid_input paths and a stale edit's fields", () => {
    const { fields, rest } = problemsFromIssues([
      { path: 'config.baseUrl', message: 'an http:// or https:// address' },
      { path: 'secrets.token', message: 'could not be sealed' },
      { path: 'name', message: '"x" is taken' },
      { path: 'baseUrl', message: 'changed by bo since you opened it' },
      { path: 'expectedVersion', message: 'an edit names the version it was read at' },
    ]);
    expect(fields).toEqual({ baseUrl: 'an http:// or https:// address; changed by bo since you opened it', token: 'could not be sealed', name: '"x" is taken' });
    expect(rest).toEqual([{ path: 'expectedVersion', message: 'an edit names the version it was read at' }]);
  });

  it('says what a secret is without its value, and where a connection points', () => {
    expect(secretStateText({ field: 'token', set: true, last4: 'abcd' })).toBe('set · …abcd');
    expect(secretStateText({ field: 'token', set: true, last4: null })).toBe('set');
    expect(secretStateText({ field: 'token', set: false, last4: null })).toBe('not set');
    expect(addressOf(prom({ config: { kind: 'datadog', site: 'datadoghq.eu' } }))).toBe('api.datadoghq.eu');
    expect(testTitle({ ok: false, at: 0, problem: 'rate_limited', message: 'wait', detail: null, latencyMs: null })).toBe('Rate-limited');
    // A refusal Stagegate makes itself, before any request: the title must not claim the service answered 400.
    expect(testTitle({ ok: false, at: 0, problem: 'bad_request', message: 'Prometheus: put the user name and password in the connection’s auth fields, not in the address', detail: null, latencyMs: null })).toBe('Bad request');
  });
});
