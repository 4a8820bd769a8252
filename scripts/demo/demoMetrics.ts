// The demo exporter's metrics: an app `checkout` served by a canary and a baseline version in three regions,
// with the counters the service and business mapping templates read (shared/sources/templates.ts). Counters
// advance with the clock at fixed rates; one region's canary can be made to regress (more 5xx, slower, fewer
// checkouts) and back, and counters never go down.

export const DEMO_REGIONS = ['eu-west', 'us-east', 'ap-south'] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

export interface DemoOptions {
  app: string;
  canary: string;
  baseline: string;
  /** The canary's share of each region's traffic, 0–1. */
  canaryShare: number;
  /** The region whose canary regresses, or null. */
  regress: DemoRegion | null;
}

export const DEMO_DEFAULTS: DemoOptions = { app: 'checkout', canary: '1.4.0', baseline: '1.3.9', canaryShare: 0.2, regress: null };

/** Requests per second per region, both versions together. */
export const REGION_RPS: Record<DemoRegion, number> = { 'eu-west': 200, 'us-east': 300, 'ap-south': 100 };
/** The client libraries' default buckets, in seconds. */
export const LATENCY_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Cumulative share of requests at or under each bound: p95 ≈ 241 ms healthy, ≈ 682 ms regressed. */
const HEALTHY_LATENCY = [0.01, 0.04, 0.15, 0.45, 0.8, 0.96, 0.99, 0.998, 1, 1, 1];
const REGRESSED_LATENCY = [0.005, 0.02, 0.08, 0.25, 0.55, 0.8, 0.93, 0.985, 1, 1, 1];

/** What one cohort in one region does per request: its 5xx share (500 and 503), latency shape and checkout funnel. */
export interface Behaviour {
  error500: number;
  error503: number;
  latency: readonly number[];
  meanSeconds: number;
  /** Checkouts started per request, and completed per started. */
  checkoutPerRequest: number;
  conversion: number;
  /** Outgoing API calls per request, and the share answered 5xx. */
  clientCallsPerRequest: number;
  clientErrors: number;
}

const HEALTHY: Behaviour = { error500: 0.004, error503: 0.001, latency: HEALTHY_LATENCY, meanSeconds: 0.12, checkoutPerRequest: 0.1, conversion: 0.3, clientCallsPerRequest: 2, clientErrors: 0.002 };
const REGRESSED: Behaviour = { ...HEALTHY, error500: 0.03, error503: 0.01, latency: REGRESSED_LATENCY, meanSeconds: 0.31, conversion: 0.24 };

export function behaviourOf(options: DemoOptions, version: 'canary' | 'baseline', region: DemoRegion): Behaviour {
  return version === 'canary' && options.regress === region ? REGRESSED : HEALTHY;
}

interface Cell {
  version: string;
  cohort: 'canary' | 'baseline';
  region: DemoRegion;
  requests: { ok: number; e500: number; e503: number };
  /** Requests per latency bucket (not cumulative), the last one past the largest bound. */
  buckets: number[];
  latencySum: number;
  started: number;
  completed: number;
  client: { ok: number; e502: number };
}

export interface DemoMetrics {
  readonly options: Readonly<DemoOptions>;
  /** Moves every counter on to `now` (epoch ms) at the current rates; a time before the last one changes nothing. */
  advance(now: number): void;
  /** From now on, this region's canary regresses (null: none does). */
  setRegress(region: DemoRegion | null): void;
  /** The Prometheus text exposition format (0.0.4) of every counter as it stands. */
  render(): string;
  /** One OpenMetrics sample block at `t` (for promtool backfill): the same families, each sample timestamped. */
  renderOpenMetricsAt(t: number): string[];
}

export function createDemoMetrics(given: Partial<DemoOptions> = {}, start: number = Date.now()): DemoMetrics {
  const options: DemoOptions = { ...DEMO_DEFAULTS, ...given };
  if (!(options.canaryShare > 0 && options.canaryShare < 1)) throw new Error(`the canary's share is between 0 and 1 (got ${options.canaryShare})`);
  const cells: Cell[] = (['canary', 'baseline'] as const).flatMap((cohort) =>
    DEMO_REGIONS.map((region) => ({
      version: cohort === 'canary' ? options.canary : options.baseline,
      cohort,
      region,
      requests: { ok: 0, e500: 0, e503: 0 },
      buckets: Array(LATENCY_BOUNDS.length + 1).fill(0),
      latencySum: 0,
      started: 0,
      completed: 0,
      client: { ok: 0, e502: 0 },
    })),
  );
  let last = start;

  const advance = (now: number): void => {
    const dt = (now - last) / 1000;
    if (!(dt > 0)) return;
    last = now;
    for (const c of cells) {
      const b = behaviourOf(options, c.cohort, c.region);
      const share = c.cohort === 'canary' ? options.canaryShare : 1 - options.canaryShare;
      const n = REGION_RPS[c.region] * share * dt;
      c.requests.e500 += n * b.error500;
      c.requests.e503 += n * b.error503;
      c.requests.ok += n * (1 - b.error500 - b.error503);
      b.latency.forEach((cum, i) => (c.buckets[i]! += n * (cum - (i === 0 ? 0 : b.latency[i - 1]!))));
      c.buckets[LATENCY_BOUNDS.length]! += n * (1 - b.latency[b.latency.length - 1]!);
      c.latencySum += n * b.meanSeconds;
      const started = n * b.checkoutPerRequest;
      c.started += started;
      c.completed += started * b.conversion;
      const calls = n * b.clientCallsPerRequest;
      c.client.ok += calls * (1 - b.clientErrors);
      c.client.e502 += calls * b.clientErrors;
    }
  };

  /** Every family as lines, with `suffix` after each value (a timestamp for OpenMetrics). */
  const families = (suffix: string, openMetrics: boolean): string[] => {
    const lines: string[] = [];
    const labels = (c: Cell, extra: Record<string, string> = {}): string =>
      `{${Object.entries({ app: options.app, version: c.version, region: c.region, ...extra })
        .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
        .join(',')}}`;
    const counter = (name: string, help: string, samples: [string, number][]): void => {
      // OpenMetrics names the family without _total; the text format names it as its samples.
      lines.push(`# HELP ${openMetrics ? name : `${name}_total`} ${help}`, `# TYPE ${openMetrics ? name : `${name}_total`} counter`);
      for (const [l, v] of samples) lines.push(`${name}_total${l} ${Math.floor(v)}${suffix}`);
    };
    counter(
      'http_requests',
      'Requests served, by status code.',
      cells.flatMap((c): [string, number][] => [
        [labels(c, { code: '200' }), c.requests.ok],
        [labels(c, { code: '500' }), c.requests.e500],
        [labels(c, { code: '503' }), c.requests.e503],
      ]),
    );
    lines.push('# HELP http_request_duration_seconds Time to serve a request.', '# TYPE http_request_duration_seconds histogram');
    for (const c of cells) {
      let cumulative = 0;
      LATENCY_BOUNDS.forEach((le, i) => {
        cumulative += c.buckets[i]!;
        lines.push(`http_request_duration_seconds_bucket${labels(c, { le: String(le) })} ${Math.floor(cumulative)}${suffix}`);
      });
      const count = Math.floor(cumulative + c.buckets[LATENCY_BOUNDS.length]!);
      lines.push(`http_request_duration_seconds_bucket${labels(c, { le: '+Inf' })} ${count}${suffix}`);
      lines.push(`http_request_duration_seconds_sum${labels(c)} ${c.latencySum.toFixed(3)}${suffix}`);
      lines.push(`http_request_duration_seconds_count${labels(c)} ${count}${suffix}`);
    }
    counter('checkout_started', 'Checkouts started.', cells.map((c): [string, number] => [labels(c), c.started]));
    counter('checkout_completed', 'Checkouts completed (paid).', cells.map((c): [string, number] => [labels(c), c.completed]));
    counter(
      'http_client_requests',
      'Calls to the payment API, by status code.',
      cells.flatMap((c): [string, number][] => [
        [labels(c, { code: '200' }), c.client.ok],
        [labels(c, { code: '502' }), c.client.e502],
      ]),
    );
    return lines;
  };

  return {
    options,
    advance,
    setRegress: (region) => {
      options.regress = region;
    },
    render: () => `${families('', false).join('\n')}\n`,
    renderOpenMetricsAt: (t) => families(` ${(t / 1000).toFixed(3)}`, true).filter((l) => !l.startsWith('#')),
  };
}

/**
 * An OpenMetrics file for `promtool tsdb create-blocks-from openmetrics`: `hours` of 15 s samples ending at
 * `end` (keep it older than Prometheus' head block, the last 3 hours).
 */
export function demoOpenMetrics(options: Partial<DemoOptions>, end: number, hours: number): string {
  const stepMs = 15_000;
  const start = end - Math.round((hours * 3_600_000) / stepMs) * stepMs;
  const demo = createDemoMetrics(options, start);
  const header = createDemoMetrics(options, start)
    .render()
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^(# (?:HELP|TYPE) )(\w+)_total /, '$1$2 '));
  // promtool wants each family's samples together: per family name, every timestamp's lines.
  const byFamily = new Map<string, string[]>();
  const familyOf = (line: string): string => line.replace(/\{.*$/, '').replace(/_(total|bucket|sum|count)$/, '');
  for (let t = start; t <= end; t += stepMs) {
    demo.advance(t);
    for (const line of demo.renderOpenMetricsAt(t)) {
      const family = familyOf(line);
      let list = byFamily.get(family);
      if (!list) byFamily.set(family, (list = []));
      list.push(line);
    }
  }
  const out: string[] = [];
  for (let i = 0; i < header.length; i += 2) {
    const name = header[i]!.split(' ')[2]!;
    out.push(header[i + 1]!, header[i]!, ...(byFamily.get(name) ?? []));
  }
  out.push('# EOF');
  return `${out.join('\n')}\n`;
}
