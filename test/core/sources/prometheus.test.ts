// The Prometheus client against a real Prometheus over a backfilled TSDB: no mocks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient } from '../../../electron/core/sources/prometheus.ts';
import { cumulative, type CounterFamily, type HistogramFamily } from '../../support/openMetrics.ts';
import { BACKFILL_AGE_MS, freePort, startPrometheus, type PrometheusHarness } from '../../support/prometheus.ts';
import { rejection } from '../../support/rejection.ts';

const MIN = 60_000;
const STEPS = 60;
const REGIONS = ['eu', 'us', 'ap'] as const;
const CANARY = '1.4.0';
const BASELINE = '1.3.9';
/** Minute-aligned, older than the head block. */
const base = Math.floor((Date.now() - BACKFILL_AGE_MS - 2 * 3_600_000) / MIN) * MIN;
/** Samples half a second after each minute, so the float-second timestamps matter. */
const sampleStart = base + 500;

/** Errors per minute: the canary regresses in eu only. */
const errorsPerMinute = (version: string, region: string): number => (version === CANARY && region === 'eu' ? 10 : 1);

const requests: CounterFamily = {
  type: 'counter',
  name: 'http_requests',
  help: 'Requests by code',
  series: [CANARY, BASELINE].flatMap((version) =>
    REGIONS.flatMap((region) => [
      { labels: { app: 'checkout', version, region, code: '200' }, points: cumulative(sampleStart, MIN, Array(STEPS).fill(100)) },
      { labels: { app: 'checkout', version, region, code: '500' }, points: cumulative(sampleStart, MIN, Array(STEPS).fill(errorsPerMinute(version, region))) },
      // Another app under the same versions: the selector must keep it out.
      { labels: { app: 'billing', version, region, code: '500' }, points: cumulative(sampleStart, MIN, Array(STEPS).fill(1000)) },
    ]),
  ),
};

const latency: HistogramFamily = {
  type: 'histogram',
  name: 'http_request_duration_seconds',
  bounds: [0.1, 0.5, 1],
  series: [{ labels: { app: 'checkout', version: CANARY, region: 'eu' }, points: [{ t: sampleStart, cumulative: [5, 8, 9, 9], sum: 1.7 }] }],
};

/** A label value PromQL has to escape: a quote, a backslash, a line break. */
const AWKWARD = 'rc "1"\\x\nend';
const awkward: CounterFamily = { type: 'counter', name: 'deploys', series: [{ labels: { version: AWKWARD }, points: [[sampleStart, 7]] }] };

let prom: PrometheusHarness;
let client: PrometheusClient;

beforeAll(async () => {
  prom = await startPrometheus({ families: [requests, latency, awkward] });
  client = new PrometheusClient({ baseUrl: prom.url, auth: { kind: 'none' } });
}, 60_000);
afterAll(async () => prom?.dispose());

const window = { start: base + MIN, end: base + STEPS * MIN, stepSeconds: 60 };
const errorsQuery = (version: string): string => `sum by (region) (http_requests_total{app="checkout",code=~"5..",${client.cohortMatcher('version', version)}})`;


describe('Prometheus client on a real Prometheus', () => {
  it('reads canary and baseline per region with the recorded values at the evaluation times', async () => {
    for (const version of [CANARY, BASELINE]) {
      const series = await client.queryRange(errorsQuery(version), window, ['region']);
      expect(series.map((s) => s.labels).sort((a, b) => a.region!.localeCompare(b.region!))).toEqual([{ region: 'ap' }, { region: 'eu' }, { region: 'us' }]);
      for (const s of series) {
        const rate = errorsPerMinute(version, s.labels.region!);
        // At minute k the newest sample is the one written at minute k-1 (+0.5 s): (k-1) increments.
        const expected = Array.from({ length: STEPS }, (_, i): [number, number] => [base + (i + 1) * MIN, i * rate]);
        expect(s.points).toEqual(expected);
      }
    }
  });

  it('reads a histogram’s buckets with an instant query', async () => {
    const series = await client.query('sum by (le) (http_request_duration_seconds_bucket{app="checkout",region="eu"})', base + MIN);
    const byLe = Object.fromEntries(series.map((s) => [s.labels.le, s.points[0]?.[1]]));
    expect(byLe).toEqual({ '0.1': 5, '0.5': 8, '1': 9, '+Inf': 9 });
    expect(series[0]?.points[0]?.[0]).toBe(base + MIN);
  });

  it('escapes cohort matchers so Prometheus matches the exact value', async () => {
    expect(client.cohortMatcher('version', AWKWARD)).toBe('version="rc \\"1\\"\\\\x\\nend"');
    const series = await client.query(`deploys_total{${client.cohortMatcher('version', AWKWARD)}}`, base + MIN);
    expect(series.map((s) => [s.labels.version, s.points[0]?.[1]])).toEqual([[AWKWARD, 7]]);
    expect(client.cohortMatcher('k8s.pod-hash', 'abc')).toBe('"k8s.pod-hash"="abc"');
  });

  it('answers an empty list for a selector that matches nothing', async () => {
    expect(await client.queryRange('http_requests_total{app="nothing-here"}', window, [])).toEqual([]);
  });

  it('turns NaN, +Inf and -Inf into null points', async () => {
    const q = 'label_replace(vector(0)/0, "k", "nan", "", "") or label_replace(vector(1)/0, "k", "inf", "", "") or label_replace(-vector(1)/0, "k", "neg", "", "")';
    const series = await client.queryRange(q, { start: base, end: base + 2 * MIN, stepSeconds: 60 }, []);
    expect(Object.fromEntries(series.map((s) => [s.labels.k, s.points]))).toEqual({
      nan: [[base, null], [base + MIN, null], [base + 2 * MIN, null]],
      inf: [[base, null], [base + MIN, null], [base + 2 * MIN, null]],
      neg: [[base, null], [base + MIN, null], [base + 2 * MIN, null]],
    });
  });

  it('refuses bad PromQL with Prometheus’ own message', async () => {
    const err = await rejection(client.queryRange('sum(rate(http_requests_total[5m]', window, []));
    expect(err.problem).toBe('bad_request');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^Prometheus refused the query \(bad_data\): .*parse error/);
  });

  it('takes 11,000 points per series and refuses 11,001 before sending, as Prometheus itself would', async () => {
    const start = base;
    const full = await client.queryRange('vector(1)', { start, end: start + 10_999_000, stepSeconds: 1 }, []);
    expect(full[0]?.points).toHaveLength(11_000);
    const err = await rejection(client.queryRange('vector(1)', { start, end: start + 11_000_000, stepSeconds: 1 }, []));
    expect(err.problem).toBe('bad_request');
    expect(err.status).toBeNull();
    expect(err.message).toContain('Prometheus allows 11000');
    // The limit is Prometheus' own: one more step than it allows and it answers 400.
    const direct = await fetch(`${prom.url}/api/v1/query_range`, { method: 'POST', body: new URLSearchParams({ query: 'vector(1)', start: String(start / 1000), end: String(start / 1000 + 11_001), step: '1' }) });
    expect(direct.status).toBe(400);
    expect(((await direct.json()) as { error: string }).error).toContain('11,000 points');
  });

  it('tests the connection with buildinfo: the version and the latency', async () => {
    const now = Date.now();
    const t = await client.test(now);
    expect(t).toMatchObject({ ok: true, at: now, problem: null });
    expect(t.detail).toMatch(/^Prometheus \d+\.\d+\.\d+/);
    expect(t.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says unreachable on a port nothing listens on', async () => {
    const port = await freePort();
    const nowhere = new PrometheusClient({ baseUrl: `http://127.0.0.1:${port}`, auth: { kind: 'none' } });
    const err = await rejection(nowhere.queryRange('up', window, []));
    expect(err.problem).toBe('unreachable');
    expect(err.message).toBe(`Prometheus at http://127.0.0.1:${port} refused the connection: is it running, and on that port?`);
    const t = await nowhere.test(Date.now());
    expect(t).toMatchObject({ ok: false, problem: 'unreachable', latencyMs: null });
  });

  it('is unreachable while stopped and answers the same data after a restart', async () => {
    await prom.stop();
    expect(prom.running()).toBe(false);
    const err = await rejection(client.queryRange(errorsQuery(CANARY), window, []));
    expect(err.problem).toBe('unreachable');
    expect(err.transient).toBe(true);
    await prom.restart();
    const series = await client.queryRange(errorsQuery(CANARY), window, []);
    const eu = series.find((s) => s.labels.region === 'eu');
    expect(eu?.points.at(-1)).toEqual([base + STEPS * MIN, (STEPS - 1) * 10]);
  }, 60_000);
});
