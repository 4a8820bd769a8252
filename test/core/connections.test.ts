import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../../electron/core/connections/resolve.ts';
import { KEY_FILE } from '../../electron/core/secrets/keyFile.ts';
import { SecretStoreError } from '../../electron/core/secrets/store.ts';
import type { ConnectionTest, ConnectionView, LoggedEvent } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';
import { fakeSource, passed } from '../support/fakeSource.ts';
import { dataFile } from '../support/dataFile.ts';

const TOKEN = 'prom-bearer-0123456789-abcd';
const PROM = { kind: 'prometheus', baseUrl: 'https://prom.internal:9090', auth: 'bearer' } as const;

function setup(options: Parameters<typeof operatorCore>[0] = {}) {
  const c = operatorCore(options);
  const rows = (sql: string) => dataFile(c.core.dataDir).prepare(sql).all() as Record<string, unknown>[];
  const events = async () => (await c.call<LoggedEvent[]>('listEvents', { query: 'connection.' })).reverse();
  const create = (input: Record<string, unknown> = {}) => c.call<ConnectionView>('saveConnection', { name: 'Prod Prometheus', config: PROM, secrets: { token: TOKEN }, ...input });
  return { ...c, rows, events, create };
}

describe('connections: create, edit, remove', () => {
  it('creates one with a readable id, its secret set with the last four shown, and never the value', async () => {
    const { create, rows, events } = setup();
    const view = await create();
    expect(view).toMatchObject({ id: 'prod-prometheus', name: 'Prod Prometheus', version: 1, lastTest: null, config: PROM });
    expect(view.secrets).toEqual([{ field: 'token', set: true, last4: 'abcd' }]);
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    const [secret] = rows('SELECT * FROM connection_secrets');
    expect(secret).toMatchObject({ connection_id: 'prod-prometheus', field: 'token', sealed_by: 'keyfile', last4: 'abcd' });
    expect(Buffer.isBuffer(secret!.sealed)).toBe(true);
    expect((secret!.sealed as Buffer).toString('latin1')).not.toContain(TOKEN);
    expect(JSON.stringify(rows('SELECT * FROM connections'))).not.toContain(TOKEN);
    const logged = await events();
    expect(logged.map((e) => [e.kind, e.payload])).toEqual([
      ['connection.saved', { v: 2, created: true, name: 'Prod Prometheus', kind: 'prometheus', version: 1, changed: [] }],
      ['connection.secret_set', { v: 2, field: 'token', version: 1 }],
    ]);
  });

  it('shows no last four of a secret shorter than 12 characters', async () => {
    const { create } = setup();
    expect((await create({ secrets: { token: 'short-tok' } })).secrets).toEqual([{ field: 'token', set: true, last4: null }]);
  });

  it('edits at the version it was read at; saving the same again is no change', async () => {
    const { create, call, events } = setup();
    const v1 = await create();
    const v2 = await call<ConnectionView>('saveConnection', { id: v1.id, expectedVersion: 1, name: 'Prometheus (prod)', config: { ...PROM, baseUrl: 'https://prom2.internal' } });
    expect(v2).toMatchObject({ version: 2, name: 'Prometheus (prod)', config: { baseUrl: 'https://prom2.internal' } });
    expect(v2.secrets).toEqual([{ field: 'token', set: true, last4: 'abcd' }]);
    const same = await call<ConnectionView>('saveConnection', { id: v1.id, expectedVersion: 2, name: 'Prometheus (prod)', config: { ...PROM, baseUrl: 'https://prom2.internal' } });
    expect(same.version).toBe(2);
    expect((await events()).at(-1)).toMatchObject({ kind: 'connection.saved', payload: { version: 2, changed: ['name', 'baseUrl'] } });
  });

  it('refuses an edit made on an old version, naming who changed which fields, and saves nothing', async () => {
    const { create, call, attempt, rows } = setup();
    const v1 = await create();
    await call('saveConnection', { id: v1.id, expectedVersion: 1, name: v1.name, config: { ...PROM, baseUrl: 'https://other.internal' }, secrets: { token: 'a-replaced-token-9999' } });
    const before = JSON.stringify([rows('SELECT * FROM connections'), rows('SELECT * FROM connection_secrets')]);
    const stale = await attempt('saveConnection', { id: v1.id, expectedVersion: 1, name: 'Mine', config: PROM });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (stale.ok) return;
    expect(stale.error.message).toContain('The connection "Prod Prometheus" was changed by alice since you opened it (base URL, bearer token): you edited version 1, it is at version 2 now.');
    expect(JSON.stringify([rows('SELECT * FROM connections'), rows('SELECT * FROM connection_secrets')])).toBe(before);
  });

  it('keeps a secret left out, replaces one given, clears one sent as null', async () => {
    const { create, call, core, events, vault } = setup();
    const v1 = await create();
    const opened = () => resolveConnection(dataFile(core.dataDir), vault, v1.id)!.secrets;
    const kept = await call<ConnectionView>('saveConnection', { id: v1.id, expectedVersion: 1, name: 'Renamed', config: PROM });
    expect(opened()).toEqual({ token: TOKEN });
    const replaced = await call<ConnectionView>('saveConnection', { id: v1.id, expectedVersion: kept.version, name: 'Renamed', config: PROM, secrets: { token: 'replacement-token-wxyz' } });
    expect(replaced.secrets).toEqual([{ field: 'token', set: true, last4: 'wxyz' }]);
    expect(opened()).toEqual({ token: 'replacement-token-wxyz' });
    const cleared = await call<ConnectionView>('saveConnection', { id: v1.id, expectedVersion: replaced.version, name: 'Renamed', config: PROM, secrets: { token: null } });
    expect(cleared.secrets).toEqual([{ field: 'token', set: false, last4: null }]);
    expect(opened()).toEqual({});
    expect((await events()).slice(-2).map((e) => [e.kind, e.payload])).toEqual([
      ['connection.saved', { v: 2, created: false, name: 'Renamed', kind: 'prometheus', version: 4, changed: ['secrets.token'] }],
      ['connection.secret_cleared', { v: 2, field: 'token', version: 4, reason: null }],
    ]);
  });

  it('drops what the kind or auth does not use, from the input and from what is stored', async () => {
    const { call, rows, events } = setup();
    const none = await call<ConnectionView>('saveConnection', { name: 'Open prom', config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9090', username: 'ops', caCert: '  ' }, secrets: { token: TOKEN, apiKey: 'dd-api-key-000000000' } });
    expect(none.config).toEqual({ kind: 'prometheus', baseUrl: 'http://127.0.0.1:9090', auth: 'none' });
    expect(none.secrets).toEqual([]);
    expect(rows('SELECT * FROM connection_secrets')).toEqual([]);

    const bearer = await call<ConnectionView>('saveConnection', { name: 'Bearer prom', config: { ...PROM, username: 'ignored' }, secrets: { token: TOKEN } });
    expect(bearer.config).not.toHaveProperty('username');
    const basic = await call<ConnectionView>('saveConnection', { id: bearer.id, expectedVersion: 1, name: 'Bearer prom', config: { ...PROM, auth: 'basic', username: 'ops' }, secrets: { password: 'basic-password-1234' } });
    expect(basic.secrets).toEqual([{ field: 'password', set: true, last4: '1234' }]);
    expect(rows(`SELECT field FROM connection_secrets WHERE connection_id = '${bearer.id}'`)).toEqual([{ field: 'password' }]);
    expect((await events()).at(-1)).toMatchObject({ kind: 'connection.secret_cleared', payload: { field: 'token', reason: 'not used by this configuration' } });
  });

  it('refuses a taken name (any letter case), a change of kind, and mixed-up versions', async () => {
    const { create, attempt } = setup();
    const v1 = await create();
    expect(await attempt('saveConnection', { name: 'prod prometheus', config: PROM })).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'name' }] } });
    expect(await attempt('saveConnection', { id: v1.id, expectedVersion: 1, name: v1.name, config: { kind: 'datadog' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'config.kind' }] } });
    expect(await attempt('saveConnection', { name: 'New', config: PROM, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'expectedVersion' }] } });
    expect(await attempt('saveConnection', { id: v1.id, name: v1.name, config: PROM })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'expectedVersion' }] } });
    expect(await attempt('saveConnection', { id: 'nope', expectedVersion: 1, name: 'x', config: PROM })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('removes one with its secrets at its version; refuses a stale version and one in use, naming the releases', async () => {
    const users = new Map<string, string[]>();
    const { create, attempt, call, rows, events } = setup({ connectionInUse: (id) => users.get(id) ?? [] });
    const v1 = await create();
    await call('saveConnection', { id: v1.id, expectedVersion: 1, name: v1.name, config: PROM, secrets: { token: 'second-token-00000000' } });
    expect(await attempt('removeConnection', { id: v1.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    users.set(v1.id, ['demo-checkout-api-2026-11', 'api-9']);
    const inUse = await attempt('removeConnection', { id: v1.id, expectedVersion: 2 });
    expect(inUse).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Connection "Prod Prometheus" is in use by releases "demo-checkout-api-2026-11", "api-9": point their metric mappings at another connection first. Nothing was removed.' } });
    expect(rows('SELECT id FROM connections')).toEqual([{ id: v1.id }]);
    users.clear();
    expect(await call('removeConnection', { id: v1.id, expectedVersion: 2 })).toEqual({ removed: v1.id });
    expect(rows('SELECT * FROM connections')).toEqual([]);
    expect(rows('SELECT * FROM connection_secrets')).toEqual([]);
    expect((await events()).at(-1)).toMatchObject({ kind: 'connection.removed', payload: { name: 'Prod Prometheus', kind: 'prometheus', version: 2 } });
    expect(await attempt('removeConnection', { id: v1.id, expectedVersion: 2 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A new connection of the same name gets an id of its own, so the removed one's log stays its own.
    expect((await create()).id).toMatch(/^prod-prometheus-[0-9a-f]{6}$/);
  });

  it('lists connections by name, secrets as states only', async () => {
    const { create, call } = setup();
    await create({ name: 'zeta' });
    await call('saveConnection', { name: 'Alpha Datadog', config: { kind: 'datadog', site: 'datadoghq.eu' }, secrets: { apiKey: 'dd-api-key-1111111111', appKey: 'dd-app-key-2222222222' } });
    const list = await call<ConnectionView[]>('listConnections', {});
    expect(list.map((c) => c.name)).toEqual(['Alpha Datadog', 'zeta']);
    expect(list[0]!.secrets).toEqual([
      { field: 'apiKey', set: true, last4: '1111' },
      { field: 'appKey', set: true, last4: '2222' },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/dd-api-key|dd-app-key|prom-bearer/);
  });
});

describe('connections: the secret store underneath', () => {
  it('refuses to save a new secret when the key file is gone but secrets sealed with it remain, and writes nothing', async () => {
    const { create, attempt, core, rows } = setup();
    await create();
    fs.rmSync(path.join(core.dataDir, KEY_FILE));
    const before = JSON.stringify([rows('SELECT * FROM connections'), rows('SELECT COUNT(*) AS n FROM events')]);
    // A store already holding the key keeps working; a host started now would not, and that is what is checked.
    const fresh = setup({ dataDir: core.dataDir });
    const refused = await fresh.attempt('saveConnection', { name: 'Another', config: PROM, secrets: { token: 'another-token-00000000' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', issues: [{ path: 'secrets.token' }] } });
    if (refused.ok) return;
    expect(refused.error.message).toMatch(/secret\.key is missing, and 1 stored secret was sealed with it/);
    expect(JSON.stringify([rows('SELECT * FROM connections'), rows('SELECT COUNT(*) AS n FROM events')])).toBe(before);
    expect(fs.existsSync(path.join(core.dataDir, KEY_FILE))).toBe(false);
    expect(await attempt('listConnections', {})).toMatchObject({ ok: true });
  });

  it('resolves a connection with its secrets opened, and names the field whose secret does not open', async () => {
    const { create, core, vault } = setup();
    const v = await create();
    expect(resolveConnection(dataFile(core.dataDir), vault, v.id)).toMatchObject({ config: PROM, secrets: { token: TOKEN }, view: { id: v.id } });
    expect(resolveConnection(dataFile(core.dataDir), vault, 'missing')).toBeNull();
    const { sealed } = dataFile(core.dataDir).prepare('SELECT sealed FROM connection_secrets').get() as { sealed: Buffer };
    sealed[sealed.length - 1] = sealed.at(-1)! ^ 0x01;
    dataFile(core.dataDir, { write: true }).prepare('UPDATE connection_secrets SET sealed = ?').run(sealed);
    expect(() => resolveConnection(dataFile(core.dataDir), vault, v.id)).toThrow(SecretStoreError);
    expect(() => resolveConnection(dataFile(core.dataDir), vault, v.id)).toThrow(/The bearer token of connection "Prod Prometheus" cannot be opened: A stored secret does not open/);
  });
});

describe('testConnection', () => {
  it('makes a real call with the real client and says plainly that nothing listens there', async () => {
    const { create, call } = setup();
    const v = await create({ config: { ...PROM, baseUrl: 'http://127.0.0.1:9' } });
    const tested = await call<ConnectionTest>('testConnection', { id: v.id });
    expect(tested).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(/^Prometheus at http:\/\/127.0.0.1:9 (refused the connection|could not be reached)/) });
  });

  it('tests a saved connection with its stored secret and keeps the answer as its last test, without a new version', async () => {
    const source = fakeSource((_c, secrets, now) => (secrets.token === TOKEN ? passed(now) : { ok: false, at: now, problem: 'unauthorized', message: 'The token was refused (401).', detail: null, latencyMs: 3 }));
    const { create, call, clock } = setup({ sourceClient: source.factory });
    const v = await create();
    const test = await call('testConnection', { id: v.id });
    expect(test).toEqual(passed(clock.t));
    expect(source.built).toEqual([{ config: PROM, secrets: { token: TOKEN } }]);
    const [listed] = await call<ConnectionView[]>('listConnections', {});
    expect(listed).toMatchObject({ version: 1, lastTest: passed(clock.t) });
  });

  it('tests a draft of a saved one (a replaced secret, an edited address) without keeping it', async () => {
    const source = fakeSource((_c, secrets, now) => (secrets.token === 'draft-token-000000000' ? passed(now) : { ok: false, at: now, problem: 'unauthorized', message: 'refused', detail: null, latencyMs: 3 }));
    const { create, call } = setup({ sourceClient: source.factory });
    const v = await create();
    const test = await call<{ ok: boolean }>('testConnection', { id: v.id, config: { ...PROM, baseUrl: 'https://new.internal' }, secrets: { token: 'draft-token-000000000' } });
    expect(test.ok).toBe(true);
    expect(source.built[0]).toEqual({ config: { ...PROM, baseUrl: 'https://new.internal' }, secrets: { token: 'draft-token-000000000' } });
    expect((await call<ConnectionView[]>('listConnections', {}))[0]!.lastTest).toBeNull();
    await call('testConnection', { id: v.id, secrets: { token: null } });
    expect(source.built).toHaveLength(1);
  });

  it('tests one not saved yet with the secrets given, and says which secret is missing', async () => {
    const source = fakeSource((_c, _s, now) => passed(now));
    const { call } = setup({ sourceClient: source.factory });
    expect(await call('testConnection', { config: { kind: 'datadog', site: 'datadoghq.eu' }, secrets: { apiKey: 'dd-api-key-1111111111' } })).toMatchObject({
      ok: false,
      problem: 'missing_secret',
      message: 'Enter the application key first: the connection has none set.',
    });
    expect(source.built).toEqual([]);
    expect(await call('testConnection', { config: { kind: 'datadog' }, secrets: { apiKey: 'dd-api-key-1111111111', appKey: 'dd-app-key-2222222222', token: 'dropped-token-0000' } })).toMatchObject({ ok: true });
    expect(source.built[0]!.secrets).toEqual({ apiKey: 'dd-api-key-1111111111', appKey: 'dd-app-key-2222222222' });
    expect((await call<ConnectionView[]>('listConnections', {})).length).toBe(0);
  });

  it.each([
    ['an answer that quotes the token', async (_c: unknown, s: { token?: string }, now: number) => ({ ok: false, at: now, problem: 'forbidden' as const, message: `403: token ${s.token} lacks access`, detail: `Bearer ${s.token}`, latencyMs: 1 })],
    ['a SourceError that quotes it', async (_c: unknown, s: { token?: string }) => {
      const { SourceError } = await import('../../electron/core/sources/types.ts');
      throw new SourceError('unauthorized', `401 for Authorization: Bearer ${s.token}`);
    }],
    ['a plain error that quotes it URL-encoded', async (_c: unknown, s: { token?: string }) => {
      throw new Error(`GET https://prom/?t=${encodeURIComponent(s.token!)} failed`);
    }],
  ])('scrubs the secret out of %s', async (_what, answer) => {
    const token = 'tok/with+odd=chars&0123456789';
    const { call } = setup({ sourceClient: fakeSource(answer as never).factory });
    const v = await call<ConnectionView>('saveConnection', { name: 'Odd', config: PROM, secrets: { token } });
    const test = await call('testConnection', { id: v.id });
    const text = JSON.stringify([test, await call('listConnections', {})]);
    expect(text).toContain('[secret]');
    expect(text).not.toContain(token);
    expect(text).not.toContain(encodeURIComponent(token));
  });

  it("scrubs basic auth's base64 of user:password", async () => {
    const source = fakeSource(async () => {
      throw new Error(`proxy said: Authorization: Basic ${Buffer.from('ops:basic-password-1234').toString('base64')}`);
    });
    const { call } = setup({ sourceClient: source.factory });
    const test = await call<{ message: string }>('testConnection', { config: { ...PROM, auth: 'basic', username: 'ops' }, secrets: { password: 'basic-password-1234' } });
    expect(test.message).toBe('The test failed unexpectedly: proxy said: Authorization: Basic [secret]');
  });

  it('reports a secret that does not open as the problem of that connection, and keeps it as its last test', async () => {
    const { create, call, core } = setup({ sourceClient: fakeSource((_c, _s, now) => passed(now)).factory });
    const v = await create();
    dataFile(core.dataDir, { write: true }).prepare("UPDATE connection_secrets SET sealed = x'01'").run();
    const test = await call('testConnection', { id: v.id });
    expect(test).toMatchObject({ ok: false, problem: 'missing_secret', message: expect.stringContaining('The bearer token of connection "Prod Prometheus" cannot be opened: A stored secret is truncated') });
    expect((await call<ConnectionView[]>('listConnections', {}))[0]!.lastTest).toEqual(test);
  });

  it('gives a host nothing that opens a secret: no member of the core it holds seals or opens', async () => {
    const { core } = setup();
    const members = Object.values(core as unknown as Record<string, unknown>);
    const opens = members.filter((m) => typeof m === 'object' && m !== null && typeof (m as { open?: unknown }).open === 'function' && typeof (m as { seal?: unknown }).seal === 'function');
    expect(opens).toEqual([]);
  });
});
