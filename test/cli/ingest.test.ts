// `npm run cli -- ingest FILE.csv`: a samples file stored through the core, as the operator method takes it.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { batchEnds } from '../../electron/cli/commands/ingest.ts';
import { MAX_FILE_BYTES } from '../../electron/cli/io.ts';
import { openDatabase } from '../../electron/core/db/open.ts';
import { IngestInput } from '../../shared/index.ts';
import { cli, dataDirWithRelease, write } from '../support/cli.ts';
import { SAMPLES_HEADER } from '../support/recording.ts';
import { tempDir } from '../support/tmp.ts';

const MIN = 60_000;
const S = Date.UTC(2026, 2, 2, 8, 0, 0);
const HEADER = SAMPLES_HEADER;

const storedSamples = (dir: string): { n: number; missing: number } => {
  const db = openDatabase(dir);
  const row = db.prepare('SELECT COUNT(*) AS n, COUNT(*) - COUNT(value) AS missing FROM samples').get() as { n: number; missing: number };
  db.close();
  return row;
};

describe('npm run cli -- ingest', () => {
  it('stores a good file through the core, a NaN or empty value as missing, and prints what it stored', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'samples.csv', [HEADER, `${S},canary,error_rate,0.5,120,eu-west,,`, `2026-03-02T08:01:00Z,baseline,error_rate,NaN,480,eu-west,,`, `${S + MIN},canary,error_rate,,100,,,`, `${S + 2 * MIN},baseline,p95_latency_ms,210.5,480,us-east,phone,acme`].join('\n'));
    const { code, out, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ accepted: 4, repeated: 0, missing: 2, late: 0, backfilled: 0, releases: [releaseId] });
    expect(storedSamples(dir)).toEqual({ n: 4, missing: 2 });
    // The same file again replaces, it does not add.
    expect((await cli('ingest', file, '--release', releaseId, '--data-dir', dir)).out).toBe(`Stored 4 samples for ${releaseId} (2 missing values).`);
    expect(storedSamples(dir)).toEqual({ n: 4, missing: 2 });
  });

  it('without --release, stores into the one live release that takes pushed samples, and names it; with two, stores nothing and lists them', async () => {
    // Recent times: a local core prunes raw samples past their horizon when it opens the log.
    const recent = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
    const { dir, releaseId } = await dataDirWithRelease({ startedAt: recent - MIN });
    const file = write(tempDir(), 'samples.csv', [HEADER, `${recent},canary,error_rate,0.5,120,eu-west,,`, `${recent},baseline,error_rate,0.4,480,eu-west,,`].join('\n'));
    const one = await cli('ingest', file, '--data-dir', dir);
    expect(one.code).toBe(0);
    expect(one.err).toBe(`ingest: for ${releaseId} (api 2.0), the one live release in ${dir} that takes pushed samples`);
    expect(one.out).toBe(`Stored 2 samples for ${releaseId} (0 missing values).`);
    const second = await dataDirWithRelease({ startedAt: recent - MIN, dir });
    const two = await cli('ingest', file, '--data-dir', dir);
    expect(two.code).toBe(1);
    expect(two.err).toContain(`2 live releases in ${dir} take pushed samples: `);
    expect(two.err).toContain(`${releaseId} (api 2.0)`);
    expect(two.err).toContain(`${second.releaseId} (api 2.0)`);
    expect(two.err).toContain('nothing was stored. Name one with --release ID.');
    expect(storedSamples(dir)).toEqual({ n: 2, missing: 0 });
  });

  it('without --release and no live release, says so and stores nothing', async () => {
    const { dir } = await dataDirWithRelease();
    const file = write(tempDir(), 'samples.csv', [HEADER, `${S},canary,error_rate,0.5,120,eu-west,,`].join('\n'));
    const none = await cli('ingest', file, '--data-dir', dir);
    expect(none.code).toBe(1);
    expect(none.err).toContain(`No live release in ${dir} takes pushed samples; nothing was stored. Name one with --release ID.`);
    expect(storedSamples(dir)).toEqual({ n: 0, missing: 0 });
  });

  it('says which rows are of a metric no gate of the plan judges: stored, not judged', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'samples.csv', [HEADER, `${S},canary,error_rate,0.5,120,,,`, `${S},canary,cpu_utilization,41,1,,,`, `${S},baseline,cpu_utilization,40,1,,,`].join('\n'));
    const { code, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir);
    expect(code).toBe(0);
    expect(err).toBe(`ingest: no gate of ${releaseId}'s plan judges cpu_utilization (2 rows): stored and charted, not judged`);
    expect(storedSamples(dir)).toEqual({ n: 3, missing: 0 });
  });

  it('counts a row the file repeats once, as it is stored, and says so', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'samples.csv', [HEADER, `${S},canary,error_rate,0.5,120,eu-west,,`, `${S},baseline,error_rate,0.4,480,eu-west,,`, `${S},canary,error_rate,0.9,130,eu-west,,`].join('\n'));
    const { code, out } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir);
    expect(code).toBe(0);
    expect(out).toBe(`Stored 2 samples for ${releaseId} (0 missing values; 1 row was replaced by a later row of the file for the same series and time).`);
    expect(storedSamples(dir)).toEqual({ n: 2, missing: 0 });
  });

  it('reads a file as pandas, numpy and strftime write one: float epoch milliseconds, a space for the T, a zone without its colon, nan in lower case', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'samples.csv', [HEADER, `${S}.0,canary,error_rate,0.5,120.0,eu-west,,`, `2026-03-02 08:01:00+00:00,baseline,error_rate,nan,480,eu-west,,`, `${S + MIN},canary,error_rate,NAN,100,,,`, `2026-03-02T10:02:00+0200,baseline,error_rate,0.4,480,,,`].join('\n'));
    const { code, out, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ accepted: 4, repeated: 0, missing: 2, late: 0, backfilled: 0, releases: [releaseId] });
    const db = openDatabase(dir);
    const times = db.prepare('SELECT t FROM samples ORDER BY t').all() as { t: number }[];
    db.close();
    expect(times.map((r) => r.t)).toEqual([S, S + MIN, S + MIN, S + 2 * MIN]);
    // Still refused: a time without its zone, which is a different instant on every machine.
    const bad = write(tempDir(), 'bad.csv', [HEADER, `${S},canary,error_rate,0.5,120,,,`, `2026-03-02 08:01:00,canary,error_rate,0.5,120,,,`].join('\n'));
    const refused = await cli('ingest', bad, '--release', releaseId, '--data-dir', dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`${bad}: line 3, column "t": "2026-03-02 08:01:00" is not a time: write ISO 8601 with its zone (2026-03-02T08:00:00Z) or epoch milliseconds`);
  });

  it('reads times as PostgreSQL, spreadsheets and other tools write them: an offset of hours alone, t and z in lower case, a decimal comma (quoted, as a CSV writer must), the basic format, epoch milliseconds in exponent form or with a fraction', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const times = ['2026-03-02 08:01:00+00', '2026-03-02 10:02:00+02', '2026-03-02 03:03:00-05', '2026-03-02t08:04:00z', '"2026-03-02T08:05:00,5Z"', '1.77243876e12', `${S + 7 * MIN}.25`, `${S + 8 * MIN}.5`, '20260302T080900Z'];
    const file = write(tempDir(), 'samples.csv', [HEADER, ...times.map((t) => `${t},canary,error_rate,0.5,120,,,`)].join('\n'));
    const { code, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const db = openDatabase(dir);
    const stored = db.prepare('SELECT t FROM samples ORDER BY t').all() as { t: number }[];
    db.close();
    expect(stored.map((r) => r.t)).toEqual([S + MIN, S + 2 * MIN, S + 3 * MIN, S + 4 * MIN, S + 5 * MIN + 500, S + 6 * MIN, S + 7 * MIN, S + 8 * MIN + 1, S + 9 * MIN]);
  });

  it('stores a null value, in any case, as missing, as the spec says of null and NaN; the JSON contract keeps its own null', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'nulls.csv', [HEADER, `${S},canary,error_rate,null,120,eu-west,,`, `${S},baseline,error_rate,NULL,480,eu-west,,`, `${S + MIN},canary,error_rate,Null,100,,,`, `${S + MIN},baseline,error_rate,0.4,480,,,`].join('\n'));
    const { code, out, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ accepted: 4, repeated: 0, missing: 3, late: 0, backfilled: 0, releases: [releaseId] });
    expect(storedSamples(dir)).toEqual({ n: 4, missing: 3 });
    // A JSON body has null itself: the string "null" there is still a mistake to refuse, not a missing value.
    const sample = { releaseId, cohort: 'canary', metric: 'error_rate', t: S, weight: 1 };
    expect(IngestInput.safeParse({ samples: [{ ...sample, value: null }] }).success).toBe(true);
    expect(IngestInput.safeParse({ samples: [{ ...sample, value: 'null' }] }).success).toBe(false);
  });

  it('stores a missing value with an empty weight as weight 0, and still refuses an empty weight beside a value', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'weightless.csv', [HEADER, `${S},canary,error_rate,,,us-east,web,`, `${S},baseline,error_rate,NaN,,us-east,web,`, `${S + MIN},canary,error_rate,0.4,120,us-east,web,`].join('\n'));
    const { code, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    const db = openDatabase(dir);
    const weights = db.prepare('SELECT weight FROM samples ORDER BY t, weight').all() as { weight: number }[];
    db.close();
    expect(weights.map((r) => r.weight)).toEqual([0, 0, 120]);
    const bad = write(tempDir(), 'bad.csv', [HEADER, `${S},canary,error_rate,0.4,,us-east,web,`].join('\n'));
    expect(await cli('ingest', bad, '--release', releaseId, '--data-dir', dir)).toMatchObject({ code: 1, err: `${bad}: line 2, column "weight": "" is not a number` });
  });

  it('stores a tenant labelled by its UUID (36 characters), and refuses a label past 128', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const tenant = '3f2b8c1e-9d4a-4e7b-8f6a-2c1d0e9b7a65';
    const file = write(tempDir(), 'uuid.csv', [HEADER, `${S},canary,error_rate,0.4,120,us-east,web,${tenant}`, `${S},baseline,error_rate,0.4,480,us-east,web,${tenant}`].join('\n'));
    const { code, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    const db = openDatabase(dir);
    expect(db.prepare('SELECT DISTINCT tenant FROM metric_series').all()).toEqual([{ tenant }]);
    db.close();
    const long = write(tempDir(), 'long.csv', [HEADER, `${S},canary,error_rate,0.4,120,${'r'.repeat(129)},,`].join('\n'));
    expect(await cli('ingest', long, '--release', releaseId, '--data-dir', dir)).toMatchObject({ code: 1, err: `${long}: line 2, column "region": at most 128 characters` });
  });

  it('sends a file of more rows than one call takes in several calls', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const lines = Array.from({ length: 60_000 }, (_, i) => `${S + i * 1000},${i % 2 ? 'canary' : 'baseline'},error_rate,${i % 10 === 0 ? 'NaN' : 0.5},10,eu-west,,`);
    const file = write(tempDir(), 'big.csv', [HEADER, ...lines].join('\n'));
    const { code, out } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ accepted: 60_000, repeated: 0, missing: 6000, late: 0, backfilled: 0, releases: [releaseId] });
    expect(storedSamples(dir)).toEqual({ n: 60_000, missing: 6000 });
  });

  it('says on stderr how many rows are for times the guard had already judged or from before the stage began', async () => {
    const started = Date.now() - 60 * MIN;
    const { dir, releaseId } = await dataDirWithRelease({ startedAt: started });
    const at = (m: number) => started + m * MIN;
    // Two minutes of error rows from before the start, then three minutes of every gate metric of the plan.
    const before = [-3, -2].flatMap((m) => [`${at(m)},canary,error_rate,0.4,100,,,`, `${at(m)},baseline,error_rate,0.4,1000,,,`]);
    const after = [5, 6, 7].flatMap((m) =>
      ['error_rate,0.4', 'p95_latency_ms,210', 'kpi_conversion,3.1'].flatMap((metric) => [`${at(m)},canary,${metric},100,,,`, `${at(m)},baseline,${metric},1000,,,`]),
    );
    const file = write(tempDir(), 'samples.csv', [HEADER, ...before, ...after].join('\n'));
    const first = await cli('ingest', file, '--release', releaseId, '--data-dir', dir, '--json');
    expect(JSON.parse(first.out)).toMatchObject({ accepted: 22, late: 4 });
    expect(first.err).toBe('ingest: 4 of the rows repeat or correct rows the guard had already judged, or are from before the stage in force began: they are stored and charted, not judged');
    // The guard judged the first run's rows: sent again, every one is for a time it has judged.
    expect(JSON.parse((await cli('ingest', file, '--release', releaseId, '--data-dir', dir, '--json')).out)).toMatchObject({ accepted: 22, late: 22 });
  });

  it('sends a file in calls cut where the time changes, so one time’s rows are never split over two calls', () => {
    expect(batchEnds([1, 1, 2, 2, 2, 3, 4], 4)).toEqual([2, 6, 7]);
    expect(batchEnds([1, 2, 3, 4, 5], 2)).toEqual([2, 4, 5]);
    // A time with more rows than a call takes is cut all the same.
    expect(batchEnds([1, 1, 1, 1, 1, 2], 2)).toEqual([2, 4, 6]);
    expect(batchEnds([], 3)).toEqual([]);
  });

  it('names the file, line and column of a bad cell, exits non-zero, and stores nothing', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'bad.csv', [HEADER, `${S},canary,error_rate,0.5,120,eu-west,,`, `${S},canary,error_rate,0.5,120,us-east,,`, `${S},canary,error_rate,lots,120,ap-south,,`, `${S},purple,error_rate,0.5,120,,,`].join('\n'));
    const { code, err } = await cli('ingest', file, '--release', releaseId, '--data-dir', dir);
    expect(code).toBe(1);
    expect(err).toContain(`${file}: line 4, column "value": "lots" is not a number`);
    expect(err).toContain(`${file}: line 5, column "cohort": "purple" is not canary or baseline`);
    // Ingest has no plan: a name it does not know is set beside the metrics Stagegate knows.
    const typo = write(tempDir(), 'typo.csv', [HEADER, `${S},canary,errors,0.5,120,,,`].join('\n'));
    expect((await cli('ingest', typo, '--release', releaseId, '--data-dir', dir)).err).toBe(
      `${typo}: line 2, column "metric": "errors" is not a metric Stagegate knows; the metrics it knows are error_rate, p95_latency_ms, crash_free_users, kpi_conversion, dependency_error_rate, cpu_utilization, memory_utilization`,
    );
    expect(storedSamples(dir)).toEqual({ n: 0, missing: 0 });
  });

  it('names a row of more or fewer fields than the header with both counts, and a broken quote in words, storing nothing', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const file = write(tempDir(), 'short.csv', [HEADER, `${S},canary,error_rate,0.5,120,,,`, `${S},canary,error_rate`, `${S},canary,error_rate,0.5,120,,,,`].join('\n'));
    const short = await cli('ingest', file, '--release', releaseId, '--data-dir', dir);
    expect(short.code).toBe(1);
    expect(short.err.split('\n')).toEqual([`${file}: line 3: 3 fields where the header has 8 (${HEADER})`, `${file}: line 4: 9 fields where the header has 8 (${HEADER})`]);
    const quoted = write(tempDir(), 'quoted.csv', [HEADER, `${S},canary,"error_rate"x,0.5,120,,,`].join('\n'));
    expect((await cli('ingest', quoted, '--release', releaseId, '--data-dir', dir)).err).toBe(`${quoted}: line 2: text after the closing quote of a field: a quote inside a quoted field is written twice ("")`);
    expect(storedSamples(dir)).toEqual({ n: 0, missing: 0 });
  });

  it('refuses an unknown release and a file without the header, exiting non-zero', async () => {
    const { dir } = await dataDirWithRelease();
    const good = write(tempDir(), 'good.csv', `${HEADER}\n${S},canary,error_rate,0.5,120,,,\n`);
    const unknown = await cli('ingest', good, '--release', 'nope', '--data-dir', dir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No release "nope"');
    // A mistyped data folder is not made into a fresh, empty log.
    const typo = `${dir}-typo`;
    expect(await cli('ingest', good, '--release', 'nope', '--data-dir', typo)).toMatchObject({ code: 1, err: `No Stagegate log at ${typo}/stagegate.sqlite; nothing was stored: is --data-dir right?` });
    expect(fs.existsSync(typo)).toBe(false);
    const headless = write(tempDir(), 'headless.csv', `t,cohort,metric,val,weight\n${S},canary,error_rate,0.5,1\n`);
    const noHeader = await cli('ingest', headless, '--release', 'nope', '--data-dir', dir);
    expect(noHeader.code).toBe(1);
    expect(noHeader.err).toContain(`${headless}: line 1, column "val": unknown column`);
    expect(noHeader.err).toContain(`${headless}: line 1, column "value": missing column`);
    expect(storedSamples(dir)).toEqual({ n: 0, missing: 0 });
  });

  it('names what keeps a file from being read at all: another separator, UTF-16, a size past the limit, a header with no line end', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    const ingest = (file: string) => cli('ingest', file, '--release', releaseId, '--data-dir', dir);
    const folder = tempDir();
    const row = `${S},canary,error_rate,0.5,120,,,`;
    const semicolons = write(folder, 'semicolons.csv', `${HEADER}\n${row}\n`.replaceAll(',', ';'));
    expect((await ingest(semicolons)).err).toBe(`${semicolons}: line 1: the header has no comma but 7 semicolons: write the file comma-separated`);
    const tabs = write(folder, 'tabs.csv', `${HEADER}\n${row}\n`.replaceAll(',', '\t'));
    expect((await ingest(tabs)).err).toBe(`${tabs}: line 1: the header has no comma but 7 tabs: write the file comma-separated`);
    const utf16 = `${folder}/utf16.csv`;
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${row}\n`, 'utf16le')]));
    expect((await ingest(utf16)).err).toBe(`${utf16}: it is not UTF-8 text (UTF-16, or binary): save it as UTF-8`);
    // A sparse file: its size is read, never its bytes.
    const huge = `${folder}/huge.csv`;
    fs.writeFileSync(huge, `${HEADER}\n`);
    fs.truncateSync(huge, MAX_FILE_BYTES + 1);
    const tooBig = await ingest(huge);
    expect(tooBig.code).toBe(1);
    expect(tooBig.err).toBe(`${huge}: 128.0 MiB, more than the 128 MiB a file may have here; split it by time (ingest takes the parts one by one, and a backtest needs only its rollout's hours)`);
    // One line of a million characters: named, not echoed.
    const oneLine = write(folder, 'one-line.csv', `${HEADER},${'x'.repeat(1_000_000)}`);
    const long = await ingest(oneLine);
    expect(long.code).toBe(1);
    expect(long.err.length).toBeLessThan(2000);
    expect(long.err).toContain('…');
    for (const file of [semicolons, tabs, utf16]) expect((await ingest(file)).code).toBe(1);
    expect(storedSamples(dir)).toEqual({ n: 0, missing: 0 });
  });
});
