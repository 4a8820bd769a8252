import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentryClient } from '../../../electron/core/sources/sentry.ts';
import { parseSentryQuery } from '../../../electron/core/sources/sentryQuery.ts';
import { startSentryFake, type SentryFake, type SessionHour } from '../../support/fakes/sentry.ts';
import { rejection } from '../../support/rejection.ts';

const HOUR = 3_600_000;
const base = Date.UTC(2026, 10, 29, 0);
const CANARY = 'app@1.4.0';
const BASELINE = 'app@1.3.9';

let fake: SentryFake;
let client: SentryClient;

const hour = (release: string, h: number, crashed: number, project = 11): SessionHour => ({
  project,
  release,
  environment: 'production',
  t: base + h * HOUR,
  sessions: 1000,
  crashed,
  users: 800,
  crashedUsers: Math.round(crashed * 0.8),
});

beforeAll(async () => {
  fake = await startSentryFake({ projects: [11, 12] });
  // The canary has no sessions in hour 3: no data there, not a perfect hour.
  fake.addSessions([0, 1, 2, 4, 5].map((h) => hour(CANARY, h, 30)));
  fake.addSessions([0, 1, 2, 3, 4, 5].map((h) => hour(BASELINE, h, 5)));
  fake.addSessions([hour(CANARY, 0, 500, 12)]);
  fake.addSessions([{ ...hour(CANARY, 0, 0), environment: 'staging', sessions: 7 }]);
  const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
  fake.addSessions([{ ...hour(CANARY, 0, 0), t: thisHour, sessions: 42 }]);
  client = new SentryClient({ baseUrl: fake.url, organization: fake.organization, projects: ['11'], environment: 'production', authToken: fake.token });
});
afterAll(async () => fake?.close());

const window = { start: base + HOUR, end: base + 6 * HOUR, stepSeconds: 3600 };
const crashFree = (c: SentryClient, release: string) => `crash_free_rate(session) where ${c.cohortMatcher('release', release)}`;


describe('Sentry client on the fake sessions API', () => {
  it('sends the field, the search, the hour interval, the projects and the environment with a Bearer token', async () => {
    await client.queryRange(crashFree(client, CANARY), window, ['release']);
    const req = fake.requests.at(-1)!;
    expect(req.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(req.url.startsWith(`/api/0/organizations/${fake.organization}/sessions/?`)).toBe(true);
    expect(req.query).toEqual({
      field: ['crash_free_rate(session)'],
      start: [new Date(base).toISOString().replace('.000', '')],
      end: [new Date(base + 6 * HOUR - 1000).toISOString().replace('.000', '')],
      interval: ['1h'],
      project: ['11'],
      environment: ['production'],
      groupBy: ['release'],
      query: [`release:"${CANARY}"`],
      includeTotals: ['0'],
    });
  });

  it('reads groups as labels and series along intervals, a point at each bucket’s end, null where no data', async () => {
    const canary = await client.queryRange(crashFree(client, CANARY), window, ['release']);
    expect(canary).toEqual([{ labels: { release: CANARY }, points: [0.97, 0.97, 0.97, null, 0.97, 0.97].map((v, i) => [base + (i + 1) * HOUR, v]) }]);
    const counts = await client.queryRange('sum(session)', window, ['release', 'project']);
    const byRelease = Object.fromEntries(counts.map((s) => [s.labels.release ?? '', s]));
    expect(byRelease[CANARY]?.labels).toEqual({ release: CANARY, project: '11' });
    expect(byRelease[CANARY]?.points.map(([, v]) => v)).toEqual([1000, 1000, 1000, 0, 1000, 1000]);
    expect(byRelease[BASELINE]?.points.map(([, v]) => v)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
  });

  it('reads every visible project as -1 when the connection names none', async () => {
    const all = new SentryClient({ baseUrl: fake.url, organization: fake.organization, projects: [], authToken: fake.token });
    const series = await all.queryRange(`sum(session) where release:"${CANARY}"`, { start: base + HOUR, end: base + HOUR, stepSeconds: 3600 }, ['project']);
    expect(fake.requests.at(-1)!.query.project).toEqual(['-1']);
    expect(Object.fromEntries(series.map((s) => [s.labels.project, s.points]))).toEqual({ '11': [[base + HOUR, 1007]], '12': [[base + HOUR, 1000]] });
  });

  it('takes 2-hour intervals and refuses what Sentry refuses before sending', async () => {
    const two = await client.queryRange(crashFree(client, BASELINE), { start: base + 2 * HOUR, end: base + 6 * HOUR, stepSeconds: 7200 }, ['release']);
    expect(two[0]?.points).toEqual([[base + 2 * HOUR, 0.995], [base + 4 * HOUR, 0.995], [base + 6 * HOUR, 0.995]]);
    const before = fake.requests.length;
    for (const stepSeconds of [60, 1800, 5400, 5 * 3600, 2 * 86_400]) {
      const err = await rejection(client.queryRange(crashFree(client, CANARY), { ...window, stepSeconds }, []));
      expect(err.problem).toBe('bad_request');
      expect(err.message).toContain('interval of whole hours that divides a day');
    }
    const tooMany = await rejection(client.queryRange('sum(session)', { start: base, end: base + 10_000 * HOUR, stepSeconds: 3600 }, []));
    expect(tooMany.message).toContain('Sentry answers at most 10000');
    expect(fake.requests.length).toBe(before);
    // 10,000 points exactly fit Sentry's own rounding; the last holds both releases' sessions of hour 0.
    const full = await client.queryRange('sum(session)', { start: base - 9_998 * HOUR, end: base + HOUR, stepSeconds: 3600 }, []);
    expect(full[0]?.points).toHaveLength(10_000);
    expect([full[0]?.points[0], full[0]?.points.at(-1)]).toEqual([[base - 9_998 * HOUR, 0], [base + HOUR, 2000]]);
  });

  it('holds the fake to Sentry’s interval rules', async () => {
    const ask = async (interval: string): Promise<{ status: number; detail: string }> => {
      const q = new URLSearchParams({ field: 'sum(session)', interval, start: '2026-11-29T00:00:00Z', end: '2026-11-29T06:00:00Z' });
      const res = await fetch(`${fake.url}/api/0/organizations/${fake.organization}/sessions/?${q}`, { headers: { authorization: `Bearer ${fake.token}` } });
      return { status: res.status, detail: ((await res.json()) as { detail?: string }).detail ?? '' };
    };
    expect(await ask('30m')).toEqual({ status: 400, detail: 'The interval has to be a multiple of the minimum interval of one hour.' });
    expect(await ask('5h')).toEqual({ status: 400, detail: 'The interval should divide one day without a remainder.' });
    expect(await ask('2d')).toEqual({ status: 400, detail: 'The interval has to be less than one day.' });
    expect((await ask('1h')).status).toBe(200);
  });

  it('carries Sentry’s own words on a 400', async () => {
    const field = await rejection(client.queryRange('crash_free(user) where release:"x"', window, []));
    expect([field.problem, field.message]).toEqual(['bad_request', 'Sentry refused the query (400): Invalid field: "crash_free(user)"']);
    const group = await rejection(client.queryRange('sum(session)', window, ['region']));
    expect(group.message).toBe('Sentry refused the query (400): Invalid groupBy: "region"');
    const search = await rejection(client.queryRange('sum(session) where device:"pixel"', window, []));
    expect(search.message).toBe('Sentry refused the query (400): Invalid query field: "device"');
  });

  it('refuses a mapping query that is not "<field> where <search>" before sending', async () => {
    const err = await rejection(client.queryRange('release:"app@1.4.0"', window, []));
    expect(err.problem).toBe('bad_request');
    expect(parseSentryQuery('crash_free_rate(user) where release:"app@1.4.0" environment:prod')).toEqual({
      ok: true,
      query: { field: 'crash_free_rate(user)', search: 'release:"app@1.4.0" environment:prod' },
    });
    expect(parseSentryQuery('sum(session)')).toEqual({ ok: true, query: { field: 'sum(session)', search: '' } });
    expect(parseSentryQuery('sum(session) where ').ok).toBe(false);
  });

  it('says the token is wrong (401), the organization unknown (404), a project not allowed (403)', async () => {
    const token = 'sntrys_wrong_token_5555';
    const wrongToken = new SentryClient({ baseUrl: fake.url, organization: fake.organization, projects: [], authToken: token });
    const e401 = await rejection(wrongToken.queryRange('sum(session)', window, []));
    expect([e401.problem, e401.status]).toEqual(['unauthorized', 401]);
    expect(e401.message).toBe('Sentry rejected the auth token (401): check it, and that it has not been revoked or expired (Sentry said: Invalid token)');
    const wrongOrg = new SentryClient({ baseUrl: fake.url, organization: 'acme-typo', projects: [], authToken: fake.token });
    const e404 = await rejection(wrongOrg.queryRange('sum(session)', window, []));
    expect([e404.problem, e404.message]).toEqual(['not_found', 'Sentry has no organization "acme-typo" for this token (404): check the organization slug and the base URL']);
    const otherProject = new SentryClient({ baseUrl: fake.url, organization: fake.organization, projects: ['99'], authToken: fake.token });
    expect((await rejection(otherProject.queryRange('sum(session)', window, []))).problem).toBe('forbidden');
    expect((await wrongOrg.test(Date.now())).problem).toBe('not_found');
  });

  it('turns a 429 into rate_limited with the wait from X-Sentry-Rate-Limit-Reset (epoch seconds)', async () => {
    fake.rateLimit(1, 9);
    const err = await rejection(client.queryRange('sum(session)', window, []));
    expect(err.problem).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(7_900);
    expect(err.retryAfterMs).toBeLessThanOrEqual(9_000);
    expect(err.message).toMatch(/^Sentry is rate-limiting this token \(429\): the limit resets in [89] s$/);
  });

  it('tests with a tiny sessions query', async () => {
    const now = Date.now();
    const t = await client.test(now);
    expect(t).toMatchObject({ ok: true, at: now, problem: null, detail: '42 sessions in the last hour' });
    expect(fake.requests.at(-1)!.query.field).toEqual(['sum(session)']);
  });

  it('writes cohort matchers as label:"value"', () => {
    expect(client.cohortMatcher('release', 'app@1.4.0')).toBe('release:"app@1.4.0"');
    expect(client.cohortMatcher('release', 'a "b" \\c')).toBe('release:"a \\"b\\" \\\\c"');
  });
});

describe('the Sentry fake keeps Sentry’s rules', () => {
  it('answers 401 without a token, with DRF’s words', async () => {
    const res = await fetch(`${fake.url}/api/0/organizations/${fake.organization}/sessions/?field=sum(session)`);
    expect([res.status, await res.json()]).toEqual([401, { detail: 'Authentication credentials were not provided.' }]);
  });

  it('never shows the bare token in a message, even when Sentry quotes it', async () => {
    const quoting = new SentryClient({ baseUrl: fake.url, organization: fake.organization, projects: [], authToken: fake.token });
    const err = await rejection(quoting.queryRange('sum(session)', window, [fake.token]));
    expect([err.problem, err.message]).toEqual(['bad_request', 'Sentry refused the query (400): Invalid groupBy: "•••"']);
    expect(err.message).not.toContain(fake.token);
  });
});
