// The demo exporter: valid exposition (Prometheus' own promtool says so), counters that only go up, a regression
// that shows in one region's canary, a recording promtool backfills, and a real Prometheus scraping it live —
// read back through the demo plan's own mapping, as the poller reads it.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetric, type RunCall } from '../../electron/core/sources/fetchMetric.ts';
import { PrometheusClient } from '../../electron/core/sources/prometheus.ts';
import { createDemoMetrics, demoOpenMetrics, DEMO_REGIONS } from '../../scripts/demo/demoMetrics.ts';
import { CONTENT_TYPE, startExporter, type Exporter } from '../../scripts/demo/exporter.ts';
import { planFromYaml, templateById, templateQueries, type SampleRow } from '../../shared/index.ts';
import { scrapeConfig, startScrapingPrometheus, type ScrapingPrometheus } from '../support/scrapingPrometheus.ts';
import { tempDir } from '../support/tmp.ts';

const run = promisify(execFile);

type Samples = Map<string, number>;
/** `name{labels} value` lines into name{labels} → value; comments skipped. */
function parse(text: string): Samples {
  const out: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

const sum = (s: Samples, match: RegExp): number => [...s].filter(([k]) => match.test(k)).reduce((n, [, v]) => n + v, 0);

/** promtool's own check of the text format: it exits 0 and says nothing for valid, lint-clean exposition. */
function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe('the demo metrics', () => {
  it('are valid, lint-clean Prometheus exposition by promtool, and promtool rejects a broken copy', async () => {
    const demo = createDemoMetrics({}, 0);
    demo.advance(60_000);
    const text = demo.render();
    expect(await promtoolCheck(text)).toEqual({ code: 0, output: '' });
    const broken = await promtoolCheck(text.replace('http_requests_total{', 'http_requests_total{{'));
    expect(broken.code).not.toBe(0);
  });

  it('serve a canary and a baseline version of checkout in three regions, counters that never go down', () => {
    const demo = createDemoMetrics({ regress: 'eu-west' }, 0);
    let previous: Samples | null = null;
    for (const t of [15_000, 30_000, 30_000, 10_000, 90_000, 600_000]) {
      demo.advance(t);
      const now = parse(demo.render());
      if (previous) for (const [k, v] of previous) expect(now.get(k), k).toBeGreaterThanOrEqual(v);
      previous = now;
    }
    const s = previous!;
    for (const version of ['1.4.0', '1.3.9']) for (const region of DEMO_REGIONS) expect(s.has(`checkout_started_total{app="checkout",version="${version}",region="${region}"}`)).toBe(true);
    // Ten minutes: 600 rps × 600 s, give or take the floors.
    expect(sum(s, /^http_requests_total\{/)).toBeGreaterThan(360_000 - 40);
    expect(sum(s, /^http_requests_total\{/)).toBeLessThanOrEqual(360_000);
  });

  it('keep every histogram cumulative, its +Inf bucket equal to its count', () => {
    const demo = createDemoMetrics({ regress: 'us-east' }, 0);
    demo.advance(300_000);
    const s = parse(demo.render());
    for (const version of ['1.4.0', '1.3.9']) {
      for (const region of DEMO_REGIONS) {
        const labels = `app="checkout",version="${version}",region="${region}"`;
        const buckets = [...s].filter(([k]) => k.startsWith(`http_request_duration_seconds_bucket{${labels},`)).map(([, v]) => v);
        expect(buckets).toHaveLength(12);
        expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
        expect(buckets.at(-1)).toBe(s.get(`http_request_duration_seconds_count{${labels}}`));
      }
    }
  });

  it('regress only the named region’s canary: more 5xx, fewer completed checkouts; switching back slows the 5xx again', () => {
    const demo = createDemoMetrics({ regress: 'eu-west' }, 0);
    demo.advance(3_600_000);
    const s = parse(demo.render());
    const errorShare = (version: string, region: string): number => {
      const l = `app="checkout",version="${version}",region="${region}"`;
      const errors = (s.get(`http_requests_total{${l},code="500"}`) ?? 0) + (s.get(`http_requests_total{${l},code="503"}`) ?? 0);
      return errors / (errors + s.get(`http_requests_total{${l},code="200"}`)!);
    };
    const conversion = (version: string, region: string): number => {
      const l = `{app="checkout",version="${version}",region="${region}"}`;
      return s.get(`checkout_completed_total${l}`)! / s.get(`checkout_started_total${l}`)!;
    };
    expect(errorShare('1.4.0', 'eu-west')).toBeCloseTo(0.04, 3);
    for (const region of ['us-east', 'ap-south']) expect(errorShare('1.4.0', region)).toBeCloseTo(0.005, 3);
    for (const region of DEMO_REGIONS) expect(errorShare('1.3.9', region)).toBeCloseTo(0.005, 3);
    expect(conversion('1.4.0', 'eu-west')).toBeCloseTo(0.24, 2);
    expect(conversion('1.3.9', 'eu-west')).toBeCloseTo(0.3, 2);

    const eu500 = 'http_requests_total{app="checkout",version="1.4.0",region="eu-west",code="500"}';
    demo.setRegress(null);
    demo.advance(7_200_000);
    const after = parse(demo.render());
    // Another hour at the healthy 0.4 % of 40 rps: 576 more 500s, not the 4,320 of a regressed hour.
    expect(after.get(eu500)! - s.get(eu500)!).toBeGreaterThan(570);
    expect(after.get(eu500)! - s.get(eu500)!).toBeLessThan(580);
  });

  it('write a recording that promtool backfills into blocks', async () => {
    const dir = tempDir();
    const file = `${dir}/checkout.om`;
    fs.writeFileSync(file, demoOpenMetrics({ regress: 'eu-west' }, Date.now() - 4 * 3_600_000, 1));
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(text).toMatch(/^http_requests_total\{app="checkout",version="1.4.0",region="eu-west",code="500"\} \d+ \d+\.\d{3}$/m);
    const { stdout, stderr } = await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, `${dir}/data`], { cwd: dir });
    expect(`${stdout}${stderr}`).not.toMatch(/error/i);
    expect(fs.readdirSync(`${dir}/data`).filter((d) => fs.existsSync(`${dir}/data/${d}/meta.json`)).length).toBeGreaterThan(0);
  }, 30_000);
});

describe('the demo exporter over HTTP', () => {
  let exporter: Exporter;
  let clock = 1_000_000;
  beforeAll(async () => {
    exporter = await startExporter({ port: 0, now: () => clock });
  });
  afterAll(() => exporter?.close());

  it('serves /metrics as text exposition 0.0.4, moving with its clock, and switches a regression on POST /regress', async () => {
    const get = async () => {
      const res = await fetch(`${exporter.url}/metrics`);
      expect(res.headers.get('content-type')).toBe(CONTENT_TYPE);
      return parse(await res.text());
    };
    const eu500 = 'http_requests_total{app="checkout",version="1.4.0",region="eu-west",code="500"}';
    const first = await get();
    clock += 3_600_000;
    const healthy = await get();
    expect(healthy.get(eu500)! - first.get(eu500)!).toBeLessThan(580);
    const bad = await fetch(`${exporter.url}/regress?region=mars`, { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('no region "mars": one of eu-west, us-east, ap-south');
    const on = await fetch(`${exporter.url}/regress?region=eu-west`, { method: 'POST' });
    expect(await on.text()).toBe('the canary regresses in eu-west from now on\n');
    clock += 3_600_000;
    const regressed = await get();
    expect(regressed.get(eu500)! - healthy.get(eu500)!).toBeGreaterThan(4000);
    expect((await fetch(`${exporter.url}/nothing`)).status).toBe(404);
  });
});

describe('a real Prometheus scraping the demo exporter', () => {
  let exporter: Exporter;
  let prom: ScrapingPrometheus;
  const started = Date.now();
  beforeAll(async () => {
    // Sixty times the real rate, so a few seconds of 1 s scrapes hold enough requests to read rates from.
    exporter = await startExporter({ port: 0, regress: 'eu-west', now: () => started + (Date.now() - started) * 60 });
    prom = await startScrapingPrometheus(scrapeConfig({ checkout: exporter.url.replace('http://', '') }, 1));
  }, 60_000);
  afterAll(async () => {
    await prom?.dispose();
    await exporter?.close();
  });

  it('returns the exporter’s series, and the demo plan’s mapping reads canary and baseline per region from them', async () => {
    await prom.waitForSeries('http_requests_total{job="checkout",app="checkout"}', 18);
    // Two scrapes inside the 5 s windows read below (ending up to 3 s ago): increase() has something to go on.
    await prom.waitForSeries('sum by (version, region) (increase(http_requests_total{app="checkout"}[5s] offset 3s))', 6);
    const yaml = fs.readFileSync('scripts/demo/checkout-plan.yaml', 'utf8');
    const plan = planFromYaml(yaml);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    // The plan maps its gate metrics with the service and business templates, word for word.
    const templated = { ...templateQueries(templateById('service-http')!).known, ...templateQueries(templateById('business-checkout-conversion')!).known };
    expect(plan.value.metrics?.queries).toEqual(templated);
    expect(plan.value.metrics?.connection).toBe('local-prometheus');
    const mapping = { ...plan.value.metrics!, interval: '5s' };
    const client = new PrometheusClient({ baseUrl: prom.url, auth: { kind: 'none' } });
    const runCall: RunCall = (_id, fn) => fn(new AbortController().signal);
    const end = Math.floor(Date.now() / 1000) * 1000 - 1000;
    // The step is the mapping's interval, as the poller fetches: a 1 s step over 5 s windows would count each request five times (refused).
    const window = { start: end - 10_000, end, stepSeconds: 5 };
    const ctx = { release: 'checkout-demo', app: 'checkout', version: '1.4.0', baselineVersion: '1.3.9', intervalSeconds: 5 };
    const newest = (rows: SampleRow[], cohort: string, region: string) => rows.filter((r) => r.cohort === cohort && r.segment.region === region).at(-1);

    const errors = await fetchMetric(client, runCall, mapping, ctx, 'error_rate', window);
    expect(errors.seriesPerCohort).toEqual({ canary: 3, baseline: 3 });
    // 5 s at 60× is 5 minutes: ~12,000 canary requests in eu-west at 4 % errors, ~48,000 baseline ones at 0.5 %.
    expect(newest(errors.rows, 'canary', 'eu-west')?.value).toBeGreaterThan(3);
    expect(newest(errors.rows, 'canary', 'eu-west')?.value).toBeLessThan(5);
    for (const region of DEMO_REGIONS) {
      expect(newest(errors.rows, 'baseline', region)?.value, region).toBeLessThan(1);
      expect(newest(errors.rows, 'baseline', region)?.weight, region).toBeGreaterThan(10_000);
    }
    const latency = await fetchMetric(client, runCall, mapping, ctx, 'p95_latency_ms', window);
    // p95 ≈ 682 ms regressed, ≈ 241 ms healthy.
    expect(newest(latency.rows, 'canary', 'eu-west')?.value).toBeGreaterThan(550);
    expect(newest(latency.rows, 'baseline', 'eu-west')?.value).toBeLessThan(300);
  }, 60_000);
});
