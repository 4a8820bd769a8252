// The service and business templates' queries, rendered as the poller renders them, on a real Prometheus over
// backfilled OpenMetrics (15 s counters, as a scrape would write them): the numbers per cohort and region come back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetric, type RunCall } from '../../../electron/core/sources/fetchMetric.ts';
import { PrometheusClient } from '../../../electron/core/sources/prometheus.ts';
import { cohortVariables, MetricMapping, renderTemplate, templateById, templateQueries, type MetricName, type SampleRow } from '../../../shared/index.ts';
import { cumulative, type CounterFamily, type HistogramFamily, type HistogramPoint } from '../../support/openMetrics.ts';
import { BACKFILL_AGE_MS, startPrometheus, type PrometheusHarness } from '../../support/prometheus.ts';

const MIN = 60_000;
const SCRAPE = 15_000;
/** 40 minutes of 15 s samples. */
const STEPS = 160;
const CANARY = '1.4.0';
const BASELINE = '1.3.9';
const REGIONS = ['eu-west', 'us-east', 'ap-south'] as const;
type Region = (typeof REGIONS)[number];
const base = Math.floor((Date.now() - BACKFILL_AGE_MS - 3_600_000) / MIN) * MIN;

/** Requests per 15 s. */
const TRAFFIC: Record<Region, number> = { 'eu-west': 100, 'us-east': 200, 'ap-south': 50 };
/** 5xx per 15 s, split into 500 and 503: the canary regresses in eu-west; the baseline never fails in ap-south (no 5xx series at all). */
const errors = (version: string, region: Region): { c500: number; c503: number } =>
  version === CANARY && region === 'eu-west' ? { c500: 3, c503: 2 } : region === 'ap-south' && version === BASELINE ? { c500: 0, c503: 0 } : region === 'us-east' ? { c500: 1, c503: 1 } : { c500: 1, c503: 0 };
/** Latency per bucket per 15 s, as fractions of the traffic, for bounds 0.05 0.1 0.2 0.4 0.8 1.6 (+Inf). */
const BOUNDS = [0.05, 0.1, 0.2, 0.4, 0.8, 1.6];
const HEALTHY = [0.2, 0.5, 0.2, 0.08, 0.02, 0, 0];
const SLOW = [0.05, 0.25, 0.3, 0.2, 0.12, 0.08, 0];
const shape = (version: string, region: Region): number[] => (version === CANARY && region === 'eu-west' ? SLOW : HEALTHY);
/** Checkouts per 15 s: started, and completed (canary eu-west converts worse). */
const STARTED: Record<Region, number> = { 'eu-west': 40, 'us-east': 80, 'ap-south': 20 };
const completed = (version: string, region: Region): number => (version === CANARY && region === 'eu-west' ? 8 : STARTED[region] * 0.3);

const series = (f: (version: string, region: Region) => { labels: Record<string, string>; perStep: number }[]) =>
  [CANARY, BASELINE].flatMap((version) => REGIONS.flatMap((region) => f(version, region))).filter((s) => s.perStep > 0).map((s) => ({ labels: s.labels, points: cumulative(base, SCRAPE, Array(STEPS).fill(s.perStep)) }));

const requests: CounterFamily = {
  type: 'counter',
  name: 'http_requests',
  series: [
    ...series((version, region) => {
      const e = errors(version, region);
      const labels = { app: 'checkout', version, region };
      return [
        { labels: { ...labels, code: '200' }, perStep: TRAFFIC[region] - e.c500 - e.c503 },
        { labels: { ...labels, code: '500' }, perStep: e.c500 },
        { labels: { ...labels, code: '503' }, perStep: e.c503 },
        // Another app under the same versions: app="$app" keeps it out.
        { labels: { ...labels, app: 'billing', code: '500' }, perStep: 50 },
      ];
    }),
  ],
};

const latency: HistogramFamily = {
  type: 'histogram',
  name: 'http_request_duration_seconds',
  bounds: BOUNDS,
  series: [CANARY, BASELINE].flatMap((version) =>
    REGIONS.map((region) => {
      const perBucket = shape(version, region).map((f) => f * TRAFFIC[region]);
      const points: HistogramPoint[] = Array.from({ length: STEPS + 1 }, (_, k) => {
        let acc = 0;
        const cum = perBucket.map((n) => (acc += n * k));
        return { t: base + k * SCRAPE, cumulative: cum, sum: 0.2 * TRAFFIC[region] * k };
      });
      return { labels: { app: 'checkout', version, region }, points };
    }),
  ),
};

const checkouts = (name: string, perStep: (version: string, region: Region) => number): CounterFamily => ({
  type: 'counter',
  name,
  series: series((version, region) => [{ labels: { app: 'checkout', version, region }, perStep: perStep(version, region) }]),
});

let prom: PrometheusHarness;
let client: PrometheusClient;
const run: RunCall = (_id, fn) => fn(new AbortController().signal);
const ctx = { release: 'checkout-1.4.0', app: 'checkout', version: CANARY, baselineVersion: BASELINE, intervalSeconds: 60 };
/** Ten one-minute intervals, well inside the recording. */
const window = { start: base + 20 * MIN, end: base + 29 * MIN, stepSeconds: 60 };

beforeAll(async () => {
  prom = await startPrometheus({ families: [requests, latency, checkouts('checkout_started', (_v, r) => STARTED[r]), checkouts('checkout_completed', completed)] });
  client = new PrometheusClient({ baseUrl: prom.url, auth: { kind: 'none' } });
}, 60_000);
afterAll(async () => prom?.dispose());

function mappingOf(templateId: string, segments: Record<string, string> = { region: 'region' }): MetricMapping {
  const t = templateById(templateId)!;
  return MetricMapping.parse({ connection: 'prom', interval: '60s', cohorts: { label: t.cohortLabel }, segments, queries: templateQueries(t).known });
}

/** Per cohort and region, the values (and weights) of every interval fetched. */
function table(rows: readonly SampleRow[], pick: (r: SampleRow) => number | null): Record<string, Record<string, (number | null)[]>> {
  const out: Record<string, Record<string, (number | null)[]>> = {};
  for (const r of rows) ((out[r.cohort] ??= {})[r.segment.region || '(total)'] ??= []).push(pick(r));
  return out;
}

async function fetched(templateId: string, metric: MetricName, segments?: Record<string, string>) {
  const result = await fetchMetric(client, run, mappingOf(templateId, segments), ctx, metric, window);
  expect(result.requests).toBe(4);
  return result;
}

/** Every interval of every cohort and region is the expected value, within floating error. */
function expectEvery(got: Record<string, Record<string, (number | null)[]>>, expected: Record<string, Record<string, number>>, digits: number): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
  for (const [cohort, byRegion] of Object.entries(expected)) {
    expect(Object.keys(got[cohort]!).sort(), cohort).toEqual(Object.keys(byRegion).sort());
    for (const [region, value] of Object.entries(byRegion)) {
      const values = got[cohort]![region]!;
      expect(values, `${cohort} ${region}`).toHaveLength(10);
      for (const v of values) expect(v, `${cohort} ${region}`).toBeCloseTo(value, digits);
    }
  }
}

const perRegion = (f: (version: string, region: Region) => number) => ({
  canary: Object.fromEntries(REGIONS.map((r) => [r, f(CANARY, r)])),
  baseline: Object.fromEntries(REGIONS.map((r) => [r, f(BASELINE, r)])),
});

describe('the service and business templates on a real Prometheus', () => {
  it('read the error rate per cohort and region as 5xx out of all requests, with the requests per interval as weight', async () => {
    const { rows, seriesPerCohort } = await fetched('service-http', 'error_rate');
    expect(seriesPerCohort).toEqual({ canary: 3, baseline: 3 });
    const rate = (v: string, r: Region) => (100 * (errors(v, r).c500 + errors(v, r).c503)) / TRAFFIC[r];
    expectEvery(table(rows, (r) => r.value), perRegion(rate), 6);
    expectEvery(table(rows, (r) => r.weight), perRegion((_v, r) => 4 * TRAFFIC[r]), 6);
    // The regression and the zero: 5 % in eu-west against 1 %, and 0 % (not no data) where the baseline never failed.
    expect(rate(CANARY, 'eu-west')).toBe(5);
    expect(rate(BASELINE, 'ap-south')).toBe(0);
  });

  it('answer a zero-events series from the guarded events query where no 5xx series exists', async () => {
    const mapping = mappingOf('service-http');
    const vars = cohortVariables(mapping, ctx, 'baseline', (l, v) => client.cohortMatcher(l, v));
    const q = mapping.queries.error_rate!;
    const events = renderTemplate('events' in q ? q.events : '', vars);
    expect(events.ok).toBe(true);
    const got = await client.queryRange(events.ok ? events.text : '', window, ['region']);
    const ap = got.find((s) => s.labels.region === 'ap-south');
    expect(got.map((s) => s.labels.region).sort()).toEqual(['ap-south', 'eu-west', 'us-east']);
    expect(ap?.points.map(([, v]) => v)).toEqual(Array(10).fill(0));
    // Without the guard Prometheus returns nothing at all for ap-south: that is the trap the guard avoids.
    const bare = renderTemplate('events' in q ? q.events.split(' or ')[0]! : '', vars);
    const unguarded = await client.queryRange(bare.ok ? bare.text : '', window, ['region']);
    expect(unguarded.map((s) => s.labels.region).sort()).toEqual(['eu-west', 'us-east']);
  });

  it('read p95 latency in ms from the histogram per cohort and region, weighed by its request count', async () => {
    const { rows } = await fetched('service-http', 'p95_latency_ms');
    // Healthy: rank 95 of 100 falls in (0.2, 0.4] between 90 and 98 → 0.2 + 0.2·5/8 = 0.325 s; slow: in (0.8, 1.6] between 92 and 100 → 1.1 s.
    expectEvery(table(rows, (r) => r.value), perRegion((v, r) => (shape(v, r) === SLOW ? 1100 : 325)), 4);
    expectEvery(table(rows, (r) => r.weight), perRegion((_v, r) => 4 * TRAFFIC[r]), 6);
  });

  it('read checkout conversion as completed out of started checkouts per cohort and region', async () => {
    const { rows } = await fetched('business-checkout-conversion', 'kpi_conversion');
    expectEvery(table(rows, (r) => r.value), perRegion((v, r) => (100 * completed(v, r)) / STARTED[r]), 6);
    expectEvery(table(rows, (r) => r.weight), perRegion((_v, r) => 4 * STARTED[r]), 6);
    expect((100 * completed(CANARY, 'eu-west')) / STARTED['eu-west']).toBe(20);
  });

  it('read totals when no segment label is mapped ("by (le, )" and "by ()" are valid PromQL)', async () => {
    const total = REGIONS.reduce((n, r) => n + TRAFFIC[r], 0);
    const errorsOf = (v: string) => REGIONS.reduce((n, r) => n + errors(v, r).c500 + errors(v, r).c503, 0);
    const e = await fetched('service-http', 'error_rate', {});
    expectEvery(table(e.rows, (r) => r.value), { canary: { '(total)': (100 * errorsOf(CANARY)) / total }, baseline: { '(total)': (100 * errorsOf(BASELINE)) / total } }, 6);
    const l = await fetched('service-http', 'p95_latency_ms', {});
    const p95 = table(l.rows, (r) => r.value);
    // The baseline is healthy everywhere; the canary's slow eu-west pulls its total p95 up.
    expectEvery({ baseline: p95.baseline! }, { baseline: { '(total)': 325 } }, 4);
    expect(p95.canary!['(total)']![0]).toBeGreaterThan(325);
  });
});
