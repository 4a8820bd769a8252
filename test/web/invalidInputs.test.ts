import { describe, expect, it } from 'vitest';
import { methodNames, type MethodName } from '../../shared/index.ts';
import { call, testHost } from '../support/webHost.ts';
import { dataFile } from '../support/dataFile.ts';

/** One wrongly typed field per method, and the path the error must name. Every method needs a row. */
const badField: Record<MethodName, { input: Record<string, unknown>; path: string }> = {
  getInfo: { input: { verbose: true }, path: '(input)' },
  listReleases: { input: { status: 'exploded' }, path: 'status' },
  getRelease: { input: { releaseId: 42 }, path: 'releaseId' },
  decide: { input: { releaseId: 'demo-checkout-api-2026-11', action: 'explode', reason: 'because' }, path: 'action' },
  listDecisions: { input: { limit: 0 }, path: 'limit' },
  getMetricSeries: { input: { releaseId: 'demo-checkout-api-2026-11', metrics: ['latency_p99'] }, path: 'metrics.0' },
  listEvents: { input: { limit: 'many' }, path: 'limit' },
  verifyEventLog: { input: { deep: 1 }, path: '(input)' },
  getSegmentSeries: { input: { releaseId: 'demo-checkout-api-2026-11', metric: 'error_rate', dimension: 'planet' }, path: 'dimension' },
  getGateStatus: { input: { releaseId: 'has spaces' }, path: 'releaseId' },
  createRelease: { input: { name: 'x', app: 'x', version: '1', target: 'windows-phone' }, path: 'target' },
  getPlan: { input: {}, path: 'releaseId' },
  getPlanReadiness: { input: { releaseId: 'has spaces' }, path: 'releaseId' },
  updatePlan: { input: { releaseId: 'demo-checkout-api-2026-11', plan: { name: 'p', target: 'service', stages: [] } }, path: 'plan.stages' },
  listTrains: { input: { all: true }, path: '(input)' },
  saveTrain: { input: { id: 'Bad Id', name: 't', app: 'a', target: 'play', cadenceDays: 7, firstKickoff: 0, rotation: ['a'], plan: { name: 'p', target: 'play', stages: [{ label: 'all', exposure: 100 }] } }, path: 'id' },
  checkTrainItem: { input: { trainId: 't', run: -1, phase: 'validation', item: 'x', checked: true }, path: 'run' },
  cutRelease: { input: { trainId: 't', version: '' }, path: 'version' },
  listFlags: { input: { stale: true }, path: '(input)' },
  saveFlag: { input: { key: 'Has Caps', description: 'd', owner: 'o', type: 'release' }, path: 'key' },
  setFlagState: { input: { key: 'new-sheet', environment: 'production', state: { mode: 'percentage', pct: 120 }, reason: 'ramp' }, path: 'state.pct' },
  injectFault: { input: { releaseId: 'demo-checkout-api-2026-11', metric: 'p95_latency_ms', factor: -2 }, path: 'factor' },
  ingestSamples: { input: { samples: [{ releaseId: 'demo-checkout-api-2026-11', cohort: 'canary', metric: 'error_rate', t: 1772438400000, value: 0.5, weight: -1 }] }, path: 'samples.0.weight' },
  listFaults: { input: { releaseId: '' }, path: 'releaseId' },
  clearFaults: { input: { releaseId: 7 }, path: 'releaseId' },
  getTimeline: { input: { releaseId: 'demo-checkout-api-2026-11', limit: 0 }, path: 'limit' },
  listConnections: { input: { secrets: true }, path: '(input)' },
  saveConnection: { input: { name: 'prom', config: { kind: 'prometheus', baseUrl: 'ftp://prom.internal' } }, path: 'config.baseUrl' },
  testConnection: { input: { config: { kind: 'datadog', site: 'datadoghq.mars' }, secrets: {} }, path: 'config.site' },
  removeConnection: { input: { id: 'prom', expectedVersion: 0 }, path: 'expectedVersion' },
  previewMetrics: { input: { releaseId: 'r1', mapping: { connection: 'prom', cohorts: { label: 'version' }, queries: {} } }, path: 'mapping.queries' },
  getSegmentKeys: { input: { releaseId: 'has spaces' }, path: 'releaseId' },
  listTokens: { input: { withHashes: true }, path: '(input)' },
  createToken: { input: { role: 'viewer', label: 'x'.repeat(81) }, path: 'label' },
  revokeToken: { input: { id: 'has spaces' }, path: 'id' },
  getPreflight: { input: { releaseId: 'demo-checkout-api-2026-11', monitor: '' }, path: 'monitor' },
};

describe('every contract method, given bad input over HTTP', async () => {
  const host = await testHost();
  const countRows = (table: string): number => (dataFile(host.core.dataDir).prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('has a bad-input case in this table', () => {
    expect(Object.keys(badField).sort()).toEqual([...methodNames].sort());
  });

  it.each(methodNames)('%s answers 400 invalid_input naming the failing field', async (method) => {
    const { input, path } = badField[method];
    const { status, body } = await call(host, method, input);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(body.error.message).toContain(method);
  });

  it.each(methodNames)('%s answers 400 to a body that is not an object, and to unknown fields', async (method) => {
    for (const input of ['just a string', [1, 2], { ...badField[method].input, surprise: true }]) {
      const { status, body } = await call(host, method, input);
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_input');
    }
  });

  it('writes nothing when a decision is refused', async () => {
    const before = [countRows('decisions'), countRows('events'), JSON.stringify(dataFile(host.core.dataDir).prepare('SELECT * FROM releases').all())];
    await call(host, 'decide', { releaseId: 'demo-checkout-api-2026-11', action: 'pause', reason: '' });
    await call(host, 'decide', { releaseId: 'demo-checkout-api-2026-11', action: 'start', reason: 'not allowed while rolling' });
    await call(host, 'decide', { releaseId: 'no-such-release', action: 'pause', reason: 'does not exist' });
    const after = [countRows('decisions'), countRows('events'), JSON.stringify(dataFile(host.core.dataDir).prepare('SELECT * FROM releases').all())];
    expect(after).toEqual(before);
  });

  it('names the actions allowed now when an action is illegal', async () => {
    const { status, body } = await call(host, 'decide', { releaseId: 'demo-android-4-2-0', action: 'pause', reason: 'Play cannot pause' });
    expect(status).toBe(409);
    expect(body.error.code).toBe('illegal_action');
    expect(body.error.allowed).toEqual(expect.arrayContaining(['promote', 'halt', 'rollback']));
    expect(body.error.message).toMatch(/allowed now: .*halt/);
  });

  it('answers a body that is not JSON, or not sent as JSON, with invalid_input', async () => {
    const headers = { authorization: 'Bearer test-operator-token' };
    const broken = await fetch(`${host.url}/api/listReleases`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{nope' });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid_input');
    const form = await fetch(`${host.url}/api/listReleases`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(form.status).toBe(400);
    expect((await form.json()).error.message).toMatch(/JSON/);
  });

  it('answers an unknown method with 404 unknown_method', async () => {
    const { status, body } = await call(host, 'dropAllTables', {});
    expect(status).toBe(404);
    expect(body.error.code).toBe('unknown_method');
  });
});
