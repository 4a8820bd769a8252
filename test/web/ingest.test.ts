import { describe, expect, it } from 'vitest';
import { seriesFor } from '../../electron/core/metrics/store.ts';
import { MAX_INGEST_ROWS, type PushEvent } from '../../shared/index.ts';
import { call, OPERATOR, testHost, VIEWER, type Answer } from '../support/webHost.ts';
import { dataFile } from '../support/dataFile.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('ingestSamples over HTTP', async () => {
  const host = await testHost();
  const created = await call(host, 'createRelease', { name: 'Ingest', app: 'ingest-app', version: '1.0', target: 'service' });
  const releaseId = (created.body.release as { id: string }).id;
  const db = dataFile(host.core.dataDir);
  const stored = () =>
    db
      .prepare('SELECT COUNT(*) AS n, COUNT(s.value) AS withValue, COALESCE(SUM(s.weight), 0) AS weight FROM samples s JOIN metric_series ms ON ms.id = s.series_id WHERE ms.release_id = ?')
      .get(releaseId) as { n: number; withValue: number; weight: number };
  const row = (i: number, fields: Record<string, unknown> = {}) => ({
    releaseId,
    cohort: i % 2 ? 'baseline' : 'canary',
    metric: 'error_rate',
    region: ['eu-west', 'us-east'][Math.floor(i / 2) % 2],
    t: T0 + Math.floor(i / 4) * 60_000,
    value: 0.5 + (i % 3) / 10,
    weight: 100 + i,
    ...fields,
  });

  it('stores null, "NaN" and "nan" values as missing and accepts the batch, then tells the guard', async () => {
    const pushed: PushEvent[] = [];
    const unsubscribe = host.core.subscribe((e) => pushed.push(e));
    const before = stored();
    const { status, body } = await call(host, 'ingestSamples', { samples: [row(0), row(1, { value: null }), row(2, { value: 'NaN' }), row(3), row(4, { value: 'nan' })] });
    unsubscribe();
    expect(status).toBe(200);
    expect(body).toEqual({ accepted: 5, repeated: 0, missing: 3, late: 0, backfilled: 0, releases: [releaseId] });
    const after = stored();
    expect(after.n - before.n).toBe(5);
    expect(after.withValue - before.withValue).toBe(2);
    expect(pushed).toContainEqual({ type: 'samples.arrived', releaseIds: [releaseId], until: T0 + 60_000 });
  });

  it('takes the most rows a call may carry with every label at its longest (≈ 27 MB), where 16 MiB refused it', async () => {
    const long = (c: string) => c.repeat(128);
    const samples = Array.from({ length: MAX_INGEST_ROWS }, (_, i) => row(i, { region: long('r'), device: long('d'), tenant: `${long('t').slice(0, 120)}${String(i).padStart(8, '0')}`, t: T0 + 600_000 }));
    const body = JSON.stringify({ samples });
    expect(body.length).toBeGreaterThan(24 * 1024 * 1024);
    const answer = await call(host, 'ingestSamples', { samples });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: MAX_INGEST_ROWS });
  }, 60_000);

  it('stores a bare NaN as missing, as Python’s json module writes one, and still refuses a body that is not JSON', async () => {
    const post = (body: string) =>
      fetch(`${host.url}/api/ingestSamples`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR}` }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Answer }));
    const before = stored();
    // The string "NaN" in a label stays a label; only the bare token is a missing value.
    const text = JSON.stringify({ samples: [row(30, { value: 0.25 }), row(31, { value: 0.5, tenant: 'NaN' })] }).replace('0.25', 'NaN').replace('0.5', ' NaN');
    const answer = await post(text);
    expect(answer).toEqual({ status: 200, body: { accepted: 2, repeated: 0, missing: 2, late: 0, backfilled: 0, releases: [releaseId] } });
    expect(stored().n - before.n).toBe(2);
    expect(stored().withValue).toBe(before.withValue);
    const labelled = db.prepare("SELECT COUNT(*) AS n FROM metric_series WHERE release_id = ? AND tenant = 'NaN'").get(releaseId) as { n: number };
    expect(labelled.n).toBe(1);
    const broken = await post(text.replace('NaN', 'NaN,,'));
    expect(broken.status).toBe(400);
    expect(stored().n - before.n).toBe(2);
  });

  it('refuses a bare Infinity naming its row, and a body that is not JSON naming where, never quoting the body', async () => {
    const post = (body: string) =>
      fetch(`${host.url}/api/ingestSamples`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR}` }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Answer }));
    const before = stored();
    const text = JSON.stringify({ samples: [row(50), row(51, { value: 0.75 }), row(52, { value: 0.5 })] }, null, 1);
    const infinite = await post(text.replace('0.75', 'Infinity').replace('0.5', '-Infinity'));
    expect(infinite.status).toBe(400);
    expect(infinite.body.error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['samples.1.value: a finite number, or null / "NaN" for a missing value', 'samples.2.value: a finite number, or null / "NaN" for a missing value']);
    // A token V8 does not place (a stray letter) and one it does (a missing colon), both on line 5.
    const lines = text.split('\n');
    const stray = lines.map((l, i) => (i === 4 ? l.replace(':', ': x') : l)).join('\n');
    const strayAnswer = await post(stray);
    expect(strayAnswer.status).toBe(400);
    const column = lines[4]!.indexOf(':') + 3;
    expect(strayAnswer.body.error.message).toBe(`The body is not valid JSON at line 5, column ${column}: unexpected x.`);
    const colon = await post(lines.map((l, i) => (i === 4 ? l.replace(':', '') : l)).join('\n'));
    expect(colon.body.error.message).toMatch(/^The body is not valid JSON at line 5, column \d+: expected ':' after property name\.$/);
    const cut = await post(text.slice(0, 40));
    expect(cut.body.error.message).toMatch(/^The body is not valid JSON at line \d+, column \d+: /);
    expect(cut.body.error.message).not.toContain(releaseId);
    // A large body is not searched (each step parses up to half of it): the reason is still given.
    const large = JSON.stringify({ samples: Array.from({ length: 20_000 }, (_, i) => row(60 + (i % 50))) }).replace(/"value":0\.5(?![\s\S]*"value":0\.5)/, '"value":x');
    expect(large.length).toBeGreaterThan(2 * 1024 * 1024);
    expect((await post(large)).body.error.message).toMatch(/^The body is not valid JSON at some point of this \d+\.\d MiB body: unexpected x \(bodies up to 2 MiB are searched for the line\)\.$/);
    const poisoned = await post(JSON.stringify({ samples: [row(53)] }).replace('"cohort"', '"__proto__":{"x":1},"cohort"'));
    expect(poisoned).toEqual({ status: 400, body: { error: { code: 'invalid_input', message: 'The body has a "__proto__" or "constructor.prototype" key, which is not accepted.' } } });
    expect(stored()).toEqual(before);
  });

  it('refuses a batch with a bad row, naming the row and field, and stores nothing of it', async () => {
    const before = stored();
    const { status, body } = await call(host, 'ingestSamples', { samples: [row(10), row(11), row(12, { cohort: 'blue' }), row(13, { value: 'high' })] });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i) => i.path)).toEqual(['samples.2.cohort', 'samples.3.value']);
    expect(body.error.message).toContain('samples.2.cohort');
    expect(stored()).toEqual(before);
  });

  it('takes a time as ISO 8601 with its zone, and refuses one in seconds or without a zone, naming the row', async () => {
    const before = stored();
    const iso = new Date(T0 + 40 * 60_000).toISOString().replace('.000Z', '+00:00');
    const ok = await call(host, 'ingestSamples', { samples: [row(40, { t: iso }), row(41, { t: T0 + 40 * 60_000 })] });
    expect(ok.status).toBe(200);
    // Both rows at the same instant: the ISO time read as the epoch milliseconds beside it.
    const atThen = db.prepare('SELECT COUNT(*) AS n FROM samples s JOIN metric_series ms ON ms.id = s.series_id WHERE ms.release_id = ? AND s.t = ?').get(releaseId, T0 + 40 * 60_000) as { n: number };
    expect(atThen.n).toBe(2);
    const bad = await call(host, 'ingestSamples', { samples: [row(42, { t: Math.floor(T0 / 1000) }), row(43, { t: '2026-01-05T09:41:00' })] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path)).toEqual(['samples.0.t', 'samples.1.t']);
    expect(bad.body.error.issues[0]!.message).toContain('likely seconds');
    // Microseconds, and ISO times before 2000 or from 2100 on, as the number forms are refused.
    const far = await call(host, 'ingestSamples', { samples: [row(44, { t: T0 * 1000 }), row(45, { t: '1970-01-01T00:00:01Z' }), row(46, { t: '2200-01-01T00:00:00Z' })] });
    expect(far.status).toBe(400);
    expect(far.body.error.issues.map((i) => [i.path, i.message])).toEqual([
      ['samples.0.t', 'epoch milliseconds before 2100 (4102444800000); a larger number is likely microseconds'],
      ['samples.1.t', 'a time from 2000 on'],
      ['samples.2.t', 'a time before 2100'],
    ]);
    expect(stored().n - before.n).toBe(2);
  });

  it('reads ISO times in the forms the CLI reads them from a file: a space for the T, +0200, +00, lower-case t and z, a decimal comma, the basic format; a day the month lacks is named', async () => {
    const at = T0 + 47 * 60_000;
    const forms = ['2026-01-05 11:47:00+0200', '2026-01-05T09:47:00+00', '2026-01-05t09:47:00z', '2026-01-05T09:47:00,000Z', '20260105T094700Z', '20260105T1147+0200'];
    const ok = await call(host, 'ingestSamples', { samples: forms.map((t, i) => row(47 + i, { t, tenant: `form-${i}` })) });
    expect(ok.status).toBe(200);
    const atThen = db.prepare('SELECT COUNT(*) AS n FROM samples s JOIN metric_series ms ON ms.id = s.series_id WHERE ms.release_id = ? AND s.t = ?').get(releaseId, at) as { n: number };
    expect(atThen.n).toBe(forms.length);
    const feb30 = await call(host, 'ingestSamples', { samples: [row(70, { t: '2026-02-30T10:00:00Z' })] });
    expect(feb30.body.error.issues.map((i) => [i.path, i.message])).toEqual([['samples.0.t', '"2026-02-30T10:00:00Z" is not a time: February 2026 has 28 days']]);
    // The basic format is whole or not at all: a basic date with an extended time is refused.
    const mixed = await call(host, 'ingestSamples', { samples: [row(71, { t: '20260105T09:47:00Z' })] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.issues.map((i) => i.path)).toEqual(['samples.0.t']);
  });

  it('refuses a rate outside 0 to 100 and a negative latency, naming the row: the judge could not count them', async () => {
    const before = stored();
    const bad = await call(host, 'ingestSamples', {
      samples: [row(50, { value: 150 }), row(51, { metric: 'crash_free_users', value: -0.5 }), row(52, { metric: 'p95_latency_ms', value: -3 }), row(53, { value: 100 })],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path)).toEqual(['samples.0.value', 'samples.1.value', 'samples.2.value']);
    expect(bad.body.error.issues[0]!.message).toBe('150 is outside 0 to 100: error_rate is a percent of its weight');
    expect(stored()).toEqual(before);
    // The edges are rates, and a fraction-looking crash-free value cannot be told from a percent.
    const edges = await call(host, 'ingestSamples', { samples: [row(54, { value: 0 }), row(55, { value: 100 }), row(56, { metric: 'crash_free_users', value: 0.995 })] });
    expect(edges.status).toBe(200);
    expect(stored().n - before.n).toBe(3);
  });

  it('refuses a row for an unknown release with not_found naming the row, and stores nothing', async () => {
    const before = stored();
    const { status, body } = await call(host, 'ingestSamples', { samples: [row(20), row(21, { releaseId: 'no-such-release' })] });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(body.error.issues).toEqual([{ path: 'samples.1.releaseId', message: 'no release "no-such-release"' }]);
    expect(stored()).toEqual(before);
  });

  it('counts a batch sent twice once: the same means and weights after the second time', async () => {
    const batch = Array.from({ length: 40 }, (_, i) => row(100 + i, { value: i % 7 === 0 ? null : 0.3 + (i % 5) / 10 }));
    const window = () => seriesFor(db, releaseId, 'error_rate', T0 + 25 * 60_000, T0 + 40 * 60_000);
    expect((await call(host, 'ingestSamples', { samples: batch })).status).toBe(200);
    const once = { points: window(), totals: stored() };
    expect(once.points.length).toBeGreaterThan(0);
    const again = await call(host, 'ingestSamples', { samples: batch });
    expect(again.status).toBe(200);
    expect(again.body.accepted).toBe(40);
    expect({ points: window(), totals: stored() }).toEqual(once);
  });

  it('refuses a viewer and stores nothing', async () => {
    const before = stored();
    const { status, body } = await call(host, 'ingestSamples', { samples: [row(200)] }, VIEWER);
    expect(status).toBe(403);
    expect(body.error.code).toBe('forbidden');
    expect(stored()).toEqual(before);
  });

  it('trims labels and refuses control characters in them, naming the row: a cell key cannot be shared by two cells', async () => {
    const before = stored();
    const bad = await call(host, 'ingestSamples', { samples: [row(300, { region: 'eu\u0000west' }), row(301, { device: 'pho\tne' })] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => [i.path, i.message])).toEqual([
      ['samples.0.region', 'a label without control characters (tabs, line ends, NUL)'],
      ['samples.1.device', 'a label without control characters (tabs, line ends, NUL)'],
    ]);
    expect(stored()).toEqual(before);
    const padded = await call(host, 'ingestSamples', { samples: [row(302, { region: '  eu-west ' })] });
    expect(padded.status).toBe(200);
    const labels = db.prepare("SELECT COUNT(*) AS n FROM metric_series WHERE release_id = ? AND region LIKE '% %'").get(releaseId) as { n: number };
    expect(labels.n).toBe(0);
  });

  it('counts a row repeated within one batch once, as it is stored: the later row is the one kept', async () => {
    const before = stored();
    const twice = row(320, { value: 1 });
    const answer = await call(host, 'ingestSamples', { samples: [twice, row(321), { ...twice, value: 9, weight: 300 }] });
    expect(answer).toEqual({ status: 200, body: { accepted: 2, repeated: 1, missing: 0, late: 0, backfilled: 0, releases: [releaseId] } });
    expect(stored().n - before.n).toBe(2);
    const kept = db
      .prepare("SELECT s.value, s.weight FROM samples s JOIN metric_series ms ON ms.id = s.series_id WHERE ms.release_id = ? AND ms.cohort = 'canary' AND s.t = ?")
      .all(releaseId, twice.t) as { value: number; weight: number }[];
    expect(kept).toEqual([{ value: 9, weight: 300 }]);
  });

  it('takes a missing value with a null weight as weight 0, as a CSV row with both cells empty, and refuses a null weight beside a value', async () => {
    const before = stored();
    const ok = await call(host, 'ingestSamples', { samples: [row(310, { value: null, weight: null })] });
    expect(ok).toMatchObject({ status: 200, body: { accepted: 1, missing: 1 } });
    expect(stored().weight).toBe(before.weight);
    const bad = await call(host, 'ingestSamples', { samples: [row(311, { weight: null })] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path)).toEqual(['samples.0.weight']);
  });

  it('takes the bearer scheme in any case, and names the limit of the path a body was too large for', async () => {
    const lower = await fetch(`${host.url}/api/listReleases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `bearer ${OPERATOR}` }, body: '{}' });
    expect(lower.status).toBe(200);
    const body = JSON.stringify({ samples: [row(320, { tenant: 'x'.repeat(100) })] }).padEnd(1.4 * 1024 * 1024, ' ');
    const slash = await fetch(`${host.url}/api/ingestSamples/`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR}` }, body });
    expect(((await slash.json()) as Answer).error.message).toBe('The body is larger than 1 MiB.');
  });

  it('takes a batch of 50,000 rows, and refuses one more', async () => {
    const big = Array.from({ length: 50_000 }, (_, i) => row(1000 + i, { t: T0 + 86_400_000 + i * 1000 }));
    const ok = await call(host, 'ingestSamples', { samples: big });
    expect(ok.status).toBe(200);
    expect(ok.body.accepted).toBe(50_000);
    const tooMany = await call(host, 'ingestSamples', { samples: [...big, row(0)] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues.map((i) => i.path)).toEqual(['samples']);
  });
});
