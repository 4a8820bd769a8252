// A local Sentry sessions API (GET /api/0/organizations/{org}/sessions/) that keeps the real one's rules
// (APIS.md §7 and sentry/snuba/sessions.py): Bearer token or 401, an unknown organization 404, a project
// outside it 403, `field` and `groupBy` from the known lists, an interval of whole hours that divides a day,
// at most 10,000 intervals, the search query's keys limited to project/environment/release, the date range
// rounded the way Sentry rounds it, `intervals` as bucket starts, and null rates where there is no data.
// The error texts are Sentry's and Django REST framework's own, except the search parser's wording (UNCONFIRMED).
import Fastify from 'fastify';
import { z } from 'zod';

const HOUR_S = 3600;
const DAY_S = 86_400;
const MAX_POINTS = 10_000;

/** One hour of sessions for one project, release and environment. */
export interface SessionHour {
  project: number;
  release: string;
  environment: string;
  /** The hour's start, epoch ms. */
  t: number;
  sessions: number;
  crashed: number;
  users: number;
  crashedUsers: number;
}

export interface SentryRequest {
  headers: Record<string, string | string[] | undefined>;
  url: string;
  query: Record<string, string[]>;
}

export interface SentryFake {
  url: string;
  readonly token: string;
  readonly organization: string;
  addSessions(rows: SessionHour[]): void;
  /** The next `count` requests answer 429, resetting `resetInSeconds` from now. */
  rateLimit(count: number, resetInSeconds: number): void;
  requests: SentryRequest[];
  close(): Promise<void>;
}

const FIELDS = ['sum(session)', 'count_unique(user)', 'crash_free_rate(session)', 'crash_free_rate(user)', 'crash_rate(session)', 'crash_rate(user)'] as const;
type Field = (typeof FIELDS)[number];
const GROUP_BY = ['project', 'release', 'environment', 'session.status'] as const;
const QUERY_KEYS = ['project', 'environment', 'release'];

const Params = z.object({
  field: z.array(z.string()).default([]),
  groupBy: z.array(z.string()).default([]),
  project: z.array(z.string().regex(/^-?\d+$/, 'project ids are integers')).default([]),
  environment: z.array(z.string()).default([]),
  start: z.array(z.string()).max(1).optional(),
  end: z.array(z.string()).max(1).optional(),
  statsPeriod: z.array(z.string()).max(1).optional(),
  interval: z.array(z.string()).max(1).optional(),
  query: z.array(z.string()).max(1).optional(),
  includeTotals: z.array(z.enum(['0', '1'])).max(1).optional(),
  includeSeries: z.array(z.enum(['0', '1'])).max(1).optional(),
});

class InvalidParams extends Error {}

/** sentry.utils.dates.parse_stats_period: "<n>[smhdw]"; anything else is None (and the interval falls back to 1h). */
function statsPeriodSeconds(text: string): number | null {
  const m = /^(\d+)([smhdw]?)$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n * ({ '': 1, s: 1, m: 60, h: HOUR_S, d: DAY_S, w: 7 * DAY_S } as const)[m[2] as '' | 's' | 'm' | 'h' | 'd' | 'w'];
}

/** get_constrained_date_range at one-hour resolution: bucket starts and the rounded range. */
function dateRange(p: z.infer<typeof Params>, now: number): { start: number; end: number; interval: number } {
  const interval = statsPeriodSeconds(p.interval?.[0] ?? '1h') ?? HOUR_S;
  if (interval % HOUR_S !== 0 || interval < HOUR_S) throw new InvalidParams('The interval has to be a multiple of the minimum interval of one hour.');
  if (interval > DAY_S) throw new InvalidParams('The interval has to be less than one day.');
  if (DAY_S % interval !== 0) throw new InvalidParams('The interval should divide one day without a remainder.');
  let start: number;
  let end: number;
  if (p.start?.[0] || p.end?.[0]) {
    start = Date.parse(p.start?.[0] ?? '');
    end = Date.parse(p.end?.[0] ?? '');
    if (!Number.isFinite(start) || !Number.isFinite(end)) throw new InvalidParams('start and end are both required, as ISO-8601 dates');
    if (end <= start) throw new InvalidParams('start must be before end');
    // "if `end` is explicitly given, we add a second to it, so it is treated as inclusive"
    end += 1000;
  } else {
    const period = statsPeriodSeconds(p.statsPeriod?.[0] ?? '14d');
    if (period === null) throw new InvalidParams('Invalid statsPeriod');
    end = now;
    start = now - period * 1000;
  }
  const step = interval * 1000;
  const range = step * Math.ceil((end - start) / step);
  if (range / step > MAX_POINTS) throw new InvalidParams('Your interval and date range would create too many results. Use a larger interval, or a smaller date range.');
  // At hour resolution the rounding interval is the interval itself, so Sentry's extra-interval branch never runs.
  const roundedEnd = step * Math.ceil(end / step);
  return { start: roundedEnd - range, end: Math.min(roundedEnd, 60_000 * (Math.floor(now / 60_000) + 1)), interval };
}

interface Term {
  key: string;
  value: string;
  negate: boolean;
}

/** Sentry's search syntax, the subset sessions take: `key:value`, `key:"quoted value"`, `!key:value`, separated by spaces. */
function parseSearch(text: string): Term[] {
  const terms: Term[] = [];
  const re = /\s*(!?)([A-Za-z_.]+):(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))\s*/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) {
      throw new InvalidParams(`Parse error at '${text.slice(i, i + 20)}' (column ${i + 1}). This is commonly caused by unmatched parentheses. Enclose any text in double quotes.`);
    }
    const key = m[2]!;
    if (!QUERY_KEYS.includes(key)) throw new InvalidParams(`Invalid query field: "${key}"`);
    terms.push({ key, value: m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[4]!, negate: m[1] === '!' });
    i = re.lastIndex;
  }
  return terms;
}

function fieldValue(field: Field, rows: readonly SessionHour[], status: string | undefined): number | null {
  const sum = (f: (r: SessionHour) => number): number => rows.reduce((a, r) => a + f(r), 0);
  const sessions = sum((r) => r.sessions);
  const crashed = sum((r) => r.crashed);
  const users = sum((r) => r.users);
  const crashedUsers = sum((r) => r.crashedUsers);
  if (status !== undefined) {
    // session.status splits counts only; a rate has no meaning per status.
    const pick = (all: number, crash: number): number => (status === 'crashed' ? crash : status === 'healthy' ? Math.max(0, all - crash) : 0);
    if (field === 'sum(session)') return pick(sessions, crashed);
    if (field === 'count_unique(user)') return pick(users, crashedUsers);
    return null;
  }
  switch (field) {
    case 'sum(session)':
      return sessions;
    case 'count_unique(user)':
      return users;
    case 'crash_free_rate(session)':
      return sessions > 0 ? 1 - crashed / sessions : null;
    case 'crash_free_rate(user)':
      return users > 0 ? 1 - crashedUsers / users : null;
    case 'crash_rate(session)':
      return sessions > 0 ? crashed / sessions : null;
    case 'crash_rate(user)':
      return users > 0 ? crashedUsers / users : null;
  }
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const list = (v: unknown): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)]);

export async function startSentryFake(options: { token?: string; organization?: string; projects?: number[]; now?: () => number } = {}): Promise<SentryFake> {
  const token = options.token ?? 'sntrys_test_token_0123456789';
  const organization = options.organization ?? 'acme';
  const projects = options.projects ?? [11, 12];
  const now = options.now ?? Date.now;
  const rows: SessionHour[] = [];
  let limited = 0;
  let resetIn = 0;
  const app = Fastify();
  const fake: SentryFake = {
    url: '',
    token,
    organization,
    addSessions: (more) => rows.push(...more),
    rateLimit: (count, seconds) => {
      limited = count;
      resetIn = seconds;
    },
    requests: [],
    close: () => app.close(),
  };

  app.get('/api/0/organizations/:org/sessions/', async (req, reply) => {
    const raw = req.query as Record<string, unknown>;
    const query = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, list(v)!]));
    fake.requests.push({ headers: { ...req.headers }, url: req.url, query });
    const auth = req.headers.authorization;
    if (!auth) return reply.code(401).send({ detail: 'Authentication credentials were not provided.' });
    if (auth !== `Bearer ${token}`) return reply.code(401).send({ detail: 'Invalid token' });
    if ((req.params as { org: string }).org !== organization) return reply.code(404).send({ detail: 'The requested resource does not exist' });
    if (limited > 0) {
      limited--;
      return reply
        .code(429)
        .headers({
          'x-sentry-rate-limit-limit': '40',
          'x-sentry-rate-limit-remaining': '0',
          'x-sentry-rate-limit-reset': String(Math.floor(now() / 1000) + resetIn),
          'x-sentry-rate-limit-concurrentlimit': '25',
          'x-sentry-rate-limit-concurrentremaining': '24',
        })
        .send({ detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' });
    }
    const parsed = Params.safeParse(query);
    if (!parsed.success) return reply.code(400).send({ detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    const p = parsed.data;
    try {
      if (p.field.length === 0) throw new InvalidParams('Request is missing a "field"');
      for (const f of p.field) if (!(FIELDS as readonly string[]).includes(f)) throw new InvalidParams(`Invalid field: "${f}"`);
      for (const g of p.groupBy) if (!(GROUP_BY as readonly string[]).includes(g)) throw new InvalidParams(`Invalid groupBy: "${g}"`);
      const asked = p.project.map(Number);
      const outside = asked.filter((id) => id !== -1 && !projects.includes(id));
      if (outside.length) return reply.code(403).send({ detail: 'You do not have permission to perform this action.' });
      const visible = asked.length === 0 || asked.includes(-1) ? projects : asked;
      const terms = parseSearch(p.query?.[0] ?? '');
      const { start, end, interval } = dateRange(p, now());
      const step = interval * 1000;
      const starts: number[] = [];
      for (let t = start; t < end; t += step) starts.push(t);

      const matching = rows.filter(
        (r) =>
          visible.includes(r.project) &&
          (p.environment.length === 0 || p.environment.includes(r.environment)) &&
          r.t >= start &&
          r.t < end &&
          terms.every((term) => (String(term.key === 'project' ? r.project : term.key === 'release' ? r.release : r.environment) === term.value) !== term.negate),
      );
      const plainBy = p.groupBy.filter((g) => g !== 'session.status') as ('project' | 'release' | 'environment')[];
      const statuses = p.groupBy.includes('session.status') ? ['healthy', 'abnormal', 'crashed', 'errored'] : [undefined];
      const groups = new Map<string, SessionHour[]>();
      for (const r of matching) {
        const key = JSON.stringify(plainBy.map((g) => r[g]));
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      const fields = p.field as Field[];
      const out = [...groups.entries()].flatMap(([key, members]) => {
        const values = JSON.parse(key) as (string | number)[];
        return statuses.map((status) => {
          const by: Record<string, string | number> = Object.fromEntries(plainBy.map((g, i) => [g, values[i]!]));
          if (status) by['session.status'] = status;
          const series = Object.fromEntries(fields.map((f) => [f, starts.map((t) => fieldValue(f, members.filter((r) => r.t >= t && r.t < t + step), status))]));
          const totals = Object.fromEntries(fields.map((f) => [f, fieldValue(f, members, status)]));
          return p.includeTotals?.[0] === '0' ? { by, series } : { by, totals, series };
        });
      });
      return reply.send({ start: iso(start), end: iso(end), intervals: starts.map(iso), groups: out, query: p.query?.[0] ?? '' });
    } catch (err) {
      if (err instanceof InvalidParams) return reply.code(400).send({ detail: err.message });
      throw err;
    }
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  fake.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return fake;
}
