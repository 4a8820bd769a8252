import { afterAll, describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodName } from '../../shared/index.ts';
import { echoingPrometheusClient } from '../support/echoingPrometheusClient.ts';
import { fakePrometheus } from '../support/fakePrometheus.ts';
import { call, OPERATOR, testHost, VIEWER } from '../support/webHost.ts';
import { dataFile } from '../support/dataFile.ts';

const MARKER = `marker-${Math.random().toString(36).slice(2)}-c0ffee`;
const RELEASE = 'demo-checkout-api-2026-11';

/** Occurrences of the marker in any of the spellings a leak could take. */
const hits = (text: string): number => [...new Set([MARKER, encodeURIComponent(MARKER), Buffer.from(MARKER).toString('base64')])].reduce((n, s) => n + text.split(s).length - 1, 0);

describe('no contract answer carries a connection secret', async () => {
  const prom = await fakePrometheus(MARKER);
  afterAll(() => prom.close());
  const host = await testHost({ sourceClient: echoingPrometheusClient });
  const answers: string[] = [];
  const record = async (method: string, input: unknown, token: string = OPERATOR) => {
    const res = await call(host, method, input, token);
    answers.push(JSON.stringify(res.body));
    return res;
  };

  it('plants a marker bearer token, uses it for real, and finds it in no answer, push or error of any method', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${host.url}/api/events`, { headers: { authorization: `Bearer ${OPERATOR}` }, signal: controller.signal });
    let pushed = '';
    const reading = (async () => {
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        pushed += value;
      }
    })();

    const saved = await record('saveConnection', { name: 'Marker prom', config: { kind: 'prometheus', baseUrl: prom.url, auth: 'bearer' }, secrets: { token: MARKER } });
    expect(saved.status).toBe(200);
    const id = saved.body.id as string;
    const tested = await record('testConnection', { id });
    expect(tested.body).toMatchObject({ ok: true, detail: 'Prometheus 3.1.0; the proxy saw Bearer [secret]' });
    expect(prom.authorized()).toBe(1);
    // A wrong token's 401 body quotes what it was sent; the draft's token is scrubbed too.
    expect((await record('testConnection', { id, secrets: { token: `${MARKER}-wrong` } })).body).toMatchObject({ ok: false, problem: 'unauthorized' });
    expect((await record('testConnection', { config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:1', auth: 'bearer' }, secrets: { token: MARKER } })).body).toMatchObject({ ok: false, problem: 'unreachable' });

    const inputs: Record<MethodName, unknown> = {
      getInfo: {},
      listReleases: {},
      getRelease: { releaseId: RELEASE },
      decide: { releaseId: RELEASE, action: 'pause', reason: 'marker test' },
      listDecisions: {},
      getGateStatus: { releaseId: RELEASE },
      createRelease: { name: 'marker', app: 'marker', version: '1.0', target: 'service' },
      getPlan: { releaseId: RELEASE },
      updatePlan: { releaseId: RELEASE, yaml: 'name: x' },
      getPlanReadiness: { releaseId: RELEASE },
      listTrains: {},
      saveTrain: { id: 'bad' },
      checkTrainItem: { trainId: 'none', run: 0, phase: 'validation', item: 'x', checked: true },
      cutRelease: { trainId: 'none', version: '1' },
      listFlags: {},
      saveFlag: { key: 'marker-flag', description: 'd', owner: 'o', type: 'release' },
      setFlagState: { key: 'marker-flag', environment: 'production', state: { mode: 'on' }, reason: 'marker test' },
      ingestSamples: { samples: [{ releaseId: RELEASE, cohort: 'canary', metric: 'error_rate', t: Date.now(), value: 0.5, weight: 10 }] },
      injectFault: { releaseId: RELEASE, metric: 'error_rate', factor: 2 },
      listFaults: { releaseId: RELEASE },
      clearFaults: { releaseId: RELEASE },
      getTimeline: { releaseId: RELEASE },
      getMetricSeries: { releaseId: RELEASE },
      getSegmentSeries: { releaseId: RELEASE, metric: 'error_rate', dimension: 'region' },
      getSegmentKeys: { releaseId: RELEASE },
      listEvents: { limit: 1000 },
      verifyEventLog: {},
      listConnections: {},
      saveConnection: { id, expectedVersion: 1, name: 'Marker prom (renamed)', config: { kind: 'prometheus', baseUrl: prom.url, auth: 'bearer' } },
      testConnection: { id },
      removeConnection: { id, expectedVersion: 99 },
      // Runs queries through the connection with the marker token: whatever the fake says back stays scrubbed.
      previewMetrics: { releaseId: RELEASE, mapping: { connection: id, cohorts: { label: 'version' }, queries: { error_rate: { events: 'errors{$cohort}', trials: 'requests{$cohort}' } } } },
      getPreflight: { releaseId: RELEASE },
      listTokens: {},
      createToken: { role: 'viewer', label: 'marker test' },
      revokeToken: { id: 'no-such-token' },
    };
    for (const method of methodNames) await record(method, inputs[method]);
    // Refusals too: a viewer, a stale removal, and bad input naming the secrets' field.
    for (const method of methodNames.filter((m) => contract[m].role === 'operator')) await record(method, inputs[method], VIEWER);
    expect((await record('saveConnection', { name: 'x', config: { kind: 'prometheus', baseUrl: 'nope' }, secrets: { token: MARKER, bogus: MARKER } })).status).toBe(400);
    expect((await record('removeConnection', { id, expectedVersion: 2 })).body).toEqual({ removed: id });
    expect(prom.authorized()).toBe(2);

    controller.abort();
    await reading;
    expect(answers.length).toBeGreaterThan(methodNames.length);
    expect(pushed).toContain('event: push');
    expect(hits(answers.join('\n'))).toBe(0);
    expect(hits(pushed)).toBe(0);
    expect(hits(JSON.stringify(dataFile(host.core.dataDir).prepare('SELECT * FROM events').all()))).toBe(0);
  });

  it('finds the marker where it is on purpose, so the search above could have failed', async () => {
    // The fake Prometheus echoes the Authorization header it was sent: there the marker is.
    const res = await fetch(`${prom.url}/api/v1/status/buildinfo`, { headers: { authorization: `Bearer ${MARKER}` } });
    expect(hits(await res.text())).toBe(1);
    expect(hits(JSON.stringify({ token: MARKER }))).toBe(1);
  });
});
