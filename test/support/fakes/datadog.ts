// A local Datadog metrics API (v2 timeseries) that keeps the real one's rules (APIS.md §4): the two key
// headers or 403 {"errors":["Forbidden"]}, a request body of the documented shape, a query it can parse or
// 400 with the parser's words, 429 with the X-RateLimit-* headers when told to, one `times` array shared by
// every series with `values[i]` for `series[i]`, and null where a bucket has no data.
// UNCONFIRMED (not in APIS.md): the exact wording of Datadog's query-parser errors, the 1,500-point
// coarsening threshold and the "N/A" group of a series without the grouped tag; the shapes are documented.
import Fastify from 'fastify';
import { z } from 'zod';

export type DatadogPoint = [t: number, value: number | null];

interface StoredSeries {
  metric: string;
  tags: Record<string, string>;
  points: DatadogPoint[];
}

export interface DatadogRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface DatadogFake {
  url: string;
  readonly apiKey: string;
  readonly appKey: string;
  /** Stores points (epoch ms) of one series of `metric` tagged with `tags`. */
  addSeries(metric: string, tags: Record<string, string>, points: DatadogPoint[]): void;
  /** The next `count` requests answer 429, their reset `resetSeconds` away. */
  rateLimit(count: number, resetSeconds: number): void;
  requests: DatadogRequest[];
  close(): Promise<void>;
}

const Body = z.object({
  data: z.object({
    type: z.literal('timeseries_request'),
    attributes: z.object({
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
      interval: z.number().int().positive().optional(),
      queries: z
        .array(z.object({ data_source: z.literal('metrics'), name: z.string().regex(/^[a-z][a-z0-9_]*$/), query: z.string().min(1).max(4000) }))
        .min(1)
        .max(10),
      formulas: z.array(z.object({ formula: z.string().min(1), limit: z.object({ count: z.number().int(), order: z.enum(['asc', 'desc']) }).optional() })).max(10).optional(),
    }),
  }),
});

/** Datadog's points per series before it picks a larger interval (UNCONFIRMED figure; the coarsening is documented). */
const MAX_POINTS = 1500;

interface Parsed {
  aggr: 'avg' | 'sum' | 'min' | 'max';
  metric: string;
  filters: { key: string; value: string; negate: boolean }[];
  by: string[];
}

const QUERY = /^(avg|sum|min|max):([A-Za-z][A-Za-z0-9_.]*)\{([^{}]*)\}(?:\s+by\s+\{([^{}]*)\})?(?:\.(?:as_count|as_rate)\(\))?$/;
const FILTER = /^(!?)([A-Za-z][A-Za-z0-9_.\-/]*):(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_.:/@-]+))$/;

function parseQuery(q: string): Parsed | string {
  const m = QUERY.exec(q.trim());
  if (!m) return `Error parsing query: unable to parse ${q}: expected <aggregator>:<metric>{<scope>} [by {<tags>}]`;
  const scope = m[3]!.trim();
  const filters: Parsed['filters'] = [];
  if (scope !== '*') {
    for (const part of scope.split(',').map((s) => s.trim())) {
      const f = FILTER.exec(part);
      if (!f) return `Error parsing query: unable to parse ${q}: bad scope term "${part}"`;
      filters.push({ negate: f[1] === '!', key: f[2]!, value: f[3] !== undefined ? f[3].replace(/\\(.)/g, '$1') : f[4]! });
    }
  }
  const by = m[4] ? m[4].split(',').map((s) => s.trim()).filter(Boolean) : [];
  return { aggr: m[1] as Parsed['aggr'], metric: m[2]!, filters, by };
}

const aggregate = (aggr: Parsed['aggr'], xs: number[]): number => {
  switch (aggr) {
    case 'sum':
      return xs.reduce((a, b) => a + b, 0);
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    default:
      return xs.reduce((a, b) => a + b, 0) / xs.length;
  }
};

export async function startDatadogFake(options: { apiKey?: string; appKey?: string } = {}): Promise<DatadogFake> {
  const apiKey = options.apiKey ?? 'dd-api-key-0123456789abcdef';
  const appKey = options.appKey ?? 'dd-app-key-fedcba9876543210';
  const store: StoredSeries[] = [];
  let limited = 0;
  let resetSeconds = 0;
  const app = Fastify();
  const fake: DatadogFake = {
    url: '',
    apiKey,
    appKey,
    addSeries: (metric, tags, points) => store.push({ metric, tags, points }),
    rateLimit: (count, reset) => {
      limited = count;
      resetSeconds = reset;
    },
    requests: [],
    close: () => app.close(),
  };

  app.post('/api/v2/query/timeseries', async (req, reply) => {
    fake.requests.push({ headers: { ...req.headers }, body: req.body });
    if (req.headers['dd-api-key'] !== apiKey || req.headers['dd-application-key'] !== appKey) return reply.code(403).send({ errors: ['Forbidden'] });
    if (limited > 0) {
      limited--;
      return reply
        .code(429)
        .headers({ 'x-ratelimit-limit': '100', 'x-ratelimit-period': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds), 'x-ratelimit-name': 'query_timeseries' })
        .send({ errors: ['Too many requests'] });
    }
    const body = Body.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ errors: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const { from, to, queries, formulas } = body.data.data.attributes;
    if (from >= to) return reply.code(400).send({ errors: ['The from timestamp must be before the to timestamp'] });
    const parsed = new Map<string, Parsed>();
    for (const q of queries) {
      const p = parseQuery(q.query);
      if (typeof p === 'string') return reply.code(400).send({ errors: [p] });
      parsed.set(q.name, p);
    }
    // Formulas here name one query each; arithmetic between queries is beyond this fake.
    const outputs = formulas ?? queries.map((q) => ({ formula: q.name }));
    for (const f of outputs) if (!parsed.has(f.formula)) return reply.code(400).send({ errors: [`Unknown query name in formula: ${f.formula}`] });

    let interval = body.data.data.attributes.interval ?? Math.max(60_000, Math.ceil((to - from) / 300 / 1000) * 1000);
    // "May be overridden by a larger interval if the query would result in too many points."
    if ((to - from) / interval > MAX_POINTS) interval = Math.ceil((to - from) / MAX_POINTS / 1000) * 1000;
    const times: number[] = [];
    for (let t = Math.floor(from / interval) * interval; t < to; t += interval) times.push(t);

    const series: { group_tags: string[]; query_index: number; unit: null }[] = [];
    const values: (number | null)[][] = [];
    outputs.forEach((f, index) => {
      const q = parsed.get(f.formula)!;
      const matching = store.filter((s) => s.metric === q.metric && q.filters.every((c) => (s.tags[c.key] === c.value) !== c.negate));
      const groups = new Map<string, StoredSeries[]>();
      for (const s of matching) {
        const key = JSON.stringify(q.by.map((k) => `${k}:${s.tags[k] ?? 'N/A'}`));
        groups.set(key, [...(groups.get(key) ?? []), s]);
      }
      for (const [key, members] of groups) {
        series.push({ group_tags: JSON.parse(key) as string[], query_index: index, unit: null });
        values.push(
          times.map((t) => {
            // Each series' points in the bucket averaged (the default rollup), then the aggregator across series.
            const perSeries = members
              .map((s) => s.points.filter(([pt, v]) => pt >= t && pt < t + interval && v !== null).map(([, v]) => v as number))
              .filter((xs) => xs.length > 0)
              .map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
            return perSeries.length ? aggregate(q.aggr, perSeries) : null;
          }),
        );
      }
    });
    return reply.send({ data: { type: 'timeseries_response', id: '0', attributes: { series, times: series.length ? times : [], values } } });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  fake.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return fake;
}
