import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatadogClient, labelsOfGroupTags } from '../../../electron/core/sources/datadog.ts';
import type { MetricSourceClient } from '../../../electron/core/sources/types.ts';
import { startDatadogFake, type DatadogFake } from '../../support/fakes/datadog.ts';
import { rejection } from '../../support/rejection.ts';

const MIN = 60_000;
const base = Date.UTC(2026, 10, 30, 12, 0);
const METRIC = 'trace.http.request.errors';

let fake: DatadogFake;
let client: MetricSourceClient;

beforeAll(async () => {
  fake = await startDatadogFake();
  const at = (i: number) => base + i * MIN;
  fake.addSeries(METRIC, { service: 'checkout', version: '1.4.0', region: 'eu' }, [[at(0), 1], [at(1), 2], [at(2), null], [at(3), 4], [at(4), 5]]);
  // No point at all at minute 3: a gap.
  fake.addSeries(METRIC, { service: 'checkout', version: '1.4.0', region: 'us' }, [[at(0), 10], [at(1), 20], [at(2), 30], [at(4), 50]]);
  fake.addSeries(METRIC, { service: 'checkout', version: '1.3.9', region: 'eu' }, [[at(0), 100], [at(1), 100], [at(2), 100], [at(3), 100], [at(4), 100]]);
  fake.addSeries(METRIC, { service: 'billing', version: '1.4.0', region: 'eu' }, [[at(0), 9999]]);
  client = new DatadogClient({ site: 'datadoghq.com', apiKey: fake.apiKey, appKey: fake.appKey, baseUrl: fake.url });
});
afterAll(async () => fake?.close());

const window = { start: base + MIN, end: base + 5 * MIN, stepSeconds: 60 };
const errors = (c: MetricSourceClient, version: string) => `sum:${METRIC}{service:checkout,${c.cohortMatcher('version', version)}} by {region}`;


describe('Datadog client on the fake v2 API', () => {
  it('posts a v2 timeseries request with both key headers', async () => {
    await client.queryRange(errors(client, '1.4.0'), window, ['region']);
    const req = fake.requests.at(-1)!;
    expect(req.headers['dd-api-key']).toBe(fake.apiKey);
    expect(req.headers['dd-application-key']).toBe(fake.appKey);
    expect(req.body).toEqual({
      data: {
        type: 'timeseries_request',
        attributes: {
          from: base,
          to: base + 5 * MIN,
          interval: MIN,
          queries: [{ data_source: 'metrics', name: 'a', query: `sum:${METRIC}{service:checkout,version:1.4.0} by {region}` }],
          formulas: [{ formula: 'a' }],
        },
      },
    });
  });

  it('pairs values[i] with series[i] along times, keeps null points and places each at its bucket’s end', async () => {
    const series = await client.queryRange(errors(client, '1.4.0'), window, ['region']);
    const byRegion = Object.fromEntries(series.map((s) => [s.labels.region, s.points]));
    expect(Object.keys(byRegion).sort()).toEqual(['eu', 'us']);
    expect(byRegion.eu).toEqual([[base + MIN, 1], [base + 2 * MIN, 2], [base + 3 * MIN, null], [base + 4 * MIN, 4], [base + 5 * MIN, 5]]);
    expect(byRegion.us).toEqual([[base + MIN, 10], [base + 2 * MIN, 20], [base + 3 * MIN, 30], [base + 4 * MIN, null], [base + 5 * MIN, 50]]);
    const baseline = await client.queryRange(errors(client, '1.3.9'), window, ['region']);
    expect(baseline).toEqual([{ labels: { region: 'eu' }, points: [1, 2, 3, 4, 5].map((i) => [base + i * MIN, 100]) }]);
  });

  it('answers no series for a scope that matches nothing', async () => {
    expect(await client.queryRange(`sum:${METRIC}{service:nothing} by {region}`, window, [])).toEqual([]);
  });

  it('refuses a bad query with Datadog’s own words (400)', async () => {
    const err = await rejection(client.queryRange(`sum:${METRIC}{service:checkout by {region}`, window, []));
    expect([err.problem, err.status]).toEqual(['bad_request', 400]);
    expect(err.message).toMatch(/^Datadog refused the query \(400\): Error parsing query: unable to parse sum:trace\.http\.request\.errors\{service:checkout by \{region\}/);
  });

  it('says the keys or the site are wrong on a 403, for a wrong API key and a wrong application key', async () => {
    for (const secrets of [
      { apiKey: 'not-the-key-1234', appKey: fake.appKey },
      { apiKey: fake.apiKey, appKey: 'not-the-app-key-5678' },
    ]) {
      const wrong = new DatadogClient({ site: 'datadoghq.eu', ...secrets, baseUrl: fake.url });
      const err = await rejection(wrong.queryRange(errors(wrong, '1.4.0'), window, []));
      expect([err.problem, err.status]).toEqual(['forbidden', 403]);
      expect(err.message).toContain('check both keys and the site; this connection uses datadoghq.eu');
      expect(err.message).not.toContain(secrets.apiKey);
      expect(err.message).not.toContain(secrets.appKey);
    }
  });

  it('turns a 429 into rate_limited with the wait from X-RateLimit-Reset', async () => {
    fake.rateLimit(1, 7);
    const err = await rejection(client.queryRange(errors(client, '1.4.0'), window, []));
    expect([err.problem, err.retryAfterMs, err.transient]).toEqual(['rate_limited', 7000, true]);
    expect(err.message).toBe('Datadog is rate-limiting these keys (429): the limit resets in 7 s');
    // The limit has passed: the same call answers.
    expect(await client.queryRange(errors(client, '1.4.0'), window, [])).toHaveLength(2);
  });

  it('refuses a range above its points limit before sending', async () => {
    const before = fake.requests.length;
    const err = await rejection(client.queryRange(errors(client, '1.4.0'), { start: base, end: base + 1500 * MIN, stepSeconds: 60 }, []));
    expect(err.problem).toBe('bad_request');
    expect(fake.requests.length).toBe(before);
  });

  it('tests the keys with a tiny real query', async () => {
    const now = Date.now();
    expect(await client.test(now)).toMatchObject({ ok: true, at: now, problem: null, detail: 'Datadog datadoghq.com, 0 series in the test query' });
    const wrong = new DatadogClient({ site: 'datadoghq.com', apiKey: 'wrong-api-key-000', appKey: fake.appKey, baseUrl: fake.url });
    const t = await wrong.test(now);
    expect(t).toMatchObject({ ok: false, problem: 'forbidden' });
    expect(t.message).toContain('datadoghq.eu keys do not work on datadoghq.com');
    expect(t.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('writes cohort matchers as label:value, quoting what a tag cannot hold', () => {
    expect(client.cohortMatcher('version', '1.4.0')).toBe('version:1.4.0');
    expect(client.cohortMatcher('flag_checkout', 'on')).toBe('flag_checkout:on');
    expect(client.cohortMatcher('version', 'v 1 "x"')).toBe('version:"v 1 \\"x\\""');
    expect(labelsOfGroupTags(['region:eu-west:1', 'canary'])).toEqual({ region: 'eu-west:1', canary: '' });
  });
});

describe('the Datadog fake keeps Datadog’s rules', () => {
  const post = (headers: Record<string, string>, body: unknown) =>
    fetch(`${fake.url}/api/v2/query/timeseries`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers 403 Forbidden without the keys, before looking at the body', async () => {
    const res = await post({}, { nonsense: true });
    expect([res.status, await res.json()]).toEqual([403, { errors: ['Forbidden'] }]);
    const noApp = await post({ 'DD-API-KEY': fake.apiKey }, {});
    expect(noApp.status).toBe(403);
  });

  it('answers 400 with errors[] for a body of the wrong shape', async () => {
    const res = await post({ 'DD-API-KEY': fake.apiKey, 'DD-APPLICATION-KEY': fake.appKey }, { data: { type: 'scalar_request', attributes: {} } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: string[] };
    expect(body.errors.some((e) => e.startsWith('data.type'))).toBe(true);
  });
});
