import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodName } from '../../shared/index.ts';
import { call, OPERATOR, testHost, VIEWER } from '../support/webHost.ts';
import { dataFile } from '../support/dataFile.ts';
import { webWeeklyTrain } from '../support/trains.ts';

/** A valid input per method, so a refusal can only come from the role check. */
const validInput: Record<MethodName, Record<string, unknown>> = {
  getInfo: {},
  listReleases: {},
  getRelease: { releaseId: 'demo-checkout-api-2026-11' },
  decide: { releaseId: 'demo-checkout-api-2026-11', action: 'pause', reason: 'viewer tries' },
  listDecisions: {},
  getMetricSeries: { releaseId: 'demo-checkout-api-2026-11' },
  listEvents: {},
  verifyEventLog: {},
  getSegmentSeries: { releaseId: 'demo-checkout-api-2026-11', metric: 'p95_latency_ms', dimension: 'region' },
  getGateStatus: { releaseId: 'demo-checkout-api-2026-11' },
  createRelease: { name: 'n', app: 'a', version: '1.0', target: 'service' },
  getPlan: { releaseId: 'demo-checkout-api-2026-11' },
  getPlanReadiness: { releaseId: 'demo-checkout-api-2026-11' },
  updatePlan: { releaseId: 'demo-checkout-api-2026-11', yaml: 'name: x' },
  listTrains: {},
  saveTrain: { ...webWeeklyTrain(Date.UTC(2026, 10, 2, 9)) },
  checkTrainItem: { trainId: 't', run: 0, phase: 'validation', item: 'x', checked: true },
  cutRelease: { trainId: 't', version: '1' },
  listFlags: {},
  saveFlag: { key: 'k1', description: 'd', owner: 'o', type: 'release' },
  setFlagState: { key: 'k1', environment: 'production', state: { mode: 'on' }, reason: 'go go' },
  injectFault: { releaseId: 'demo-checkout-api-2026-11', metric: 'error_rate', factor: 2 },
  ingestSamples: { samples: [{ releaseId: 'demo-checkout-api-2026-11', cohort: 'canary', metric: 'error_rate', t: 1772438400000, value: 0.5, weight: 10 }] },
  listFaults: { releaseId: 'demo-checkout-api-2026-11' },
  clearFaults: { releaseId: 'demo-checkout-api-2026-11' },
  getTimeline: { releaseId: 'demo-checkout-api-2026-11' },
  listConnections: {},
  saveConnection: { name: 'viewer prom', config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9090', auth: 'bearer' }, secrets: { token: 'viewer-planted-token-0001' } },
  testConnection: { config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9090' } },
  removeConnection: { id: 'viewer-prom', expectedVersion: 1 },
  previewMetrics: { releaseId: 'r1' },
  getSegmentKeys: { releaseId: 'demo-checkout-api-2026-11' },
  getPreflight: { releaseId: 'demo-checkout-api-2026-11' },
  listTokens: {},
  createToken: { role: 'operator', label: 'viewer tries' },
  revokeToken: { id: 'no-such-token' },
};

/**
 * Every table of the file, each as its row count and a hash of all its rows in a fixed order (by
 * every column, so tables without a rowid are ordered too): any write anywhere changes it.
 */
function fingerprint(db: Database.Database): Record<string, { rows: number; hash: string }> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(
    tables.map((name) => {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      const columns = (db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info(?)`).get(name) as { n: number }).n;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      const rows = db.prepare(`SELECT * FROM ${quoted} ORDER BY ${order}`).raw(true).all();
      return [name, { rows: rows.length, hash: createHash('sha256').update(JSON.stringify(rows)).digest('hex') }];
    }),
  );
}

const operatorMethods = methodNames.filter((m) => contract[m].role === 'operator');
const viewerMethods = methodNames.filter((m) => contract[m].role === 'viewer');

describe('tokens and roles on the web host', async () => {
  // A lease renewed only every 8 h: its renewal is the one write no request makes, and it must not
  // land between a fingerprint taken before a refused call and the one after it.
  const host = await testHost({ leaseMs: 24 * 60 * 60 * 1000 });

  it('has at least one operator method to guard', () => {
    expect(operatorMethods.length).toBeGreaterThan(0);
  });

  // Else a refusal below could come from input validation instead of the role check.
  it.each(methodNames)("holds an input for %s that the method's own schema accepts", (method) => {
    const parsed = contract[method].input.safeParse(validInput[method]);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.success).toBe(true);
  });

  it('fingerprints every table of the data file, the demo rows included', () => {
    const tables = fingerprint(dataFile(host.core.dataDir));
    for (const name of ['decisions', 'events', 'tokens', 'connections', 'samples', 'releases']) expect(Object.keys(tables)).toContain(name);
    expect(Object.keys(tables)).toContain('host_lease');
    expect(tables.releases!.rows).toBeGreaterThan(0);
    expect(tables.events!.rows).toBeGreaterThan(0);
  });

  it('sees an operator write in the fingerprint, in the tables it touched', async () => {
    const before = fingerprint(dataFile(host.core.dataDir));
    expect((await call(host, 'createToken', { role: 'viewer', label: 'fingerprint check' })).status).toBe(200);
    const after = fingerprint(dataFile(host.core.dataDir));
    expect(after.tokens!.rows).toBe(before.tokens!.rows + 1);
    expect(after.events!.hash).not.toBe(before.events!.hash);
    expect(after.releases).toEqual(before.releases);
  });

  it.each(operatorMethods)('refuses a viewer token on %s with 403 and changes nothing', async (method) => {
    const before = fingerprint(dataFile(host.core.dataDir));
    const { status, body } = await call(host, method, validInput[method], VIEWER);
    expect(status).toBe(403);
    expect(body.error.code).toBe('forbidden');
    expect(fingerprint(dataFile(host.core.dataDir))).toEqual(before);
  });

  it.each(viewerMethods)('lets a viewer token read %s', async (method) => {
    const { status } = await call(host, method, validInput[method], VIEWER);
    expect(status).toBe(200);
  });

  it.each(methodNames)('refuses %s with 401 without a token or with a wrong one', async (method) => {
    expect((await call(host, method, validInput[method], null)).status).toBe(401);
    const wrong = await call(host, method, validInput[method], 'not-a-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
  });

  it('answers /healthz without a token, and nothing else', async () => {
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${host.url}/api/contract`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/events`)).status).toBe(401);
    expect((await fetch(`${host.url}/`)).status).toBe(401);
  });

  it('lets a viewer token an operator made read, and refuses it with 401 once revoked', async () => {
    const created = await call(host, 'createToken', { role: 'viewer', label: 'war room' });
    expect(created.status).toBe(200);
    const token = created.body.token as string;
    const id = (created.body.info as { id: string }).id;
    expect((await call(host, 'listReleases', {}, token)).status).toBe(200);
    expect((await call(host, 'decide', validInput.decide, token)).status).toBe(403);
    const revoked = await call(host, 'revokeToken', { id });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id, role: 'viewer', label: 'war room', revokedAt: expect.any(Number) });
    const refused = await call(host, 'listReleases', {}, token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    // Revoked once is revoked: a second revocation finds no active token and writes nothing.
    expect((await call(host, 'revokeToken', { id })).body.error.code).toBe('not_found');
  });

  it('ends an open event stream of a token once it is revoked, before sending it anything more', async () => {
    const created = await call(host, 'createToken', { role: 'viewer', label: 'wall stream' });
    const token = created.body.token as string;
    const stream = await fetch(`${host.url}/api/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain(': connected');
    expect((await call(host, 'revokeToken', { id: (created.body.info as { id: string }).id })).status).toBe(200);
    // A push after the revocation: the stream ends instead of carrying it.
    expect((await call(host, 'decide', { releaseId: 'demo-android-4-2-0', action: 'halt', reason: 'stream check' })).status).toBe(200);
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    expect(rest).not.toContain('event: push');
  });

  it('keeps only a hash of a created token: the value is in no row, no event and no list', async () => {
    const created = await call(host, 'createToken', { role: 'viewer', label: 'hash check' });
    const token = created.body.token as string;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify(dataFile(host.core.dataDir).prepare('SELECT * FROM tokens').all())).not.toContain(token);
    expect(JSON.stringify(dataFile(host.core.dataDir).prepare('SELECT * FROM events').all())).not.toContain(token);
    const listed = await call(host, 'listTokens', {});
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body).toEqual(expect.arrayContaining([{ id: (created.body.info as { id: string }).id, role: 'viewer', label: 'hash check', createdAt: expect.any(Number), revokedAt: null }]));
  });

  it('trades a ?token= URL for an HttpOnly cookie that then works for the API', async () => {
    const res = await fetch(`${host.url}/?token=${OPERATOR}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const info = await fetch(`${host.url}/api/getInfo`, { method: 'POST', headers: { cookie: cookie.split(';')[0]! } });
    expect((await info.json()).role).toBe('operator');
    expect((await fetch(`${host.url}/?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses a Host header of another site (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${host.url}/healthz`, { headers: { host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('sends a strict Content-Security-Policy', async () => {
    const res = await fetch(`${host.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'.*object-src 'none'/);
  });
});
