// `npm run cli -- backtest`: the real guard over recorded files, its JSON and summary, and what it says about a file it reads.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BacktestResult, Plan, planToYaml } from '../../shared/index.ts';
import { cli, cliOnTerminal, dataDirWithRelease, write } from '../support/cli.ts';
import { recording, SAMPLES_HEADER, samplesCsv } from '../support/recording.ts';
import { minutes, windowed } from '../support/overlap.ts';
import { tempDir } from '../support/tmp.ts';

const MIN = 60_000;
const S = Date.UTC(2026, 2, 2, 8, 0, 0);
const HEADER = SAMPLES_HEADER;

describe('npm run cli -- backtest', () => {
  const gates = [{ id: 'errors', kind: 'relative' as const, metric: 'error_rate' as const, op: 'lte' as const, factor: 1.25, segments: ['region' as const], minSamples: 500 }];
  const plan = Plan.parse({
    name: 'Service canary',
    target: 'service',
    stages: [
      { label: '1%', exposure: 1, minSoak: '10m', promotion: 'automatic', onFailure: 'rollback', gates },
      { label: '10%', exposure: 10, minSoak: '10m', promotion: 'automatic', onFailure: 'rollback', gates },
      { label: 'all', exposure: 100 },
    ],
  });
  const files = () => {
    const dir = tempDir();
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && t > S + 35 * MIN ? 20 : 1) });
    return {
      dir,
      plan: write(dir, 'plan.yaml', planToYaml(plan)),
      samples: write(dir, 'samples.csv', samplesCsv(rows)),
      schedule: write(dir, 'schedule.csv', `t,stage\n2026-03-02T08:00:00Z,0\n${S + 30 * MIN},1\n`),
    };
  };

  it('prints the looks, decisions and first stop as JSON, every key present', async () => {
    const f = files();
    const { code, out, err } = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--look-every', '2m', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as BacktestResult;
    expect(Object.keys(result).sort()).toEqual(['decisions', 'firstStop', 'looks']);
    expect(BacktestResult.parse(result)).toEqual(result);
    expect(result.looks.map((l) => l.t)).toEqual(Array.from({ length: 30 }, (_, i) => S + (i + 1) * 2 * MIN));
    expect(result.looks.map((l) => l.stage)).toEqual(result.looks.map((l) => (l.t <= S + 30 * MIN ? 0 : 1)));
    for (const d of result.decisions) expect(Object.keys(d).sort()).toEqual(['action', 'exposure', 'gate', 'reason', 'segment', 'stage', 't']);
    expect(result.firstStop).toMatchObject({ stage: 1, exposure: 10, action: 'rollback' });
    expect(result.decisions.find((d) => d.action === 'rollback')).toMatchObject({ gate: 'errors', segment: { region: 'eu-west' } });
    // --json before the command is the same option, as --data-dir is in either place.
    expect(await cli('--json', 'backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--look-every', '2m')).toEqual({ code: 0, out, err: '' });
  });

  it('prints a summary without --json', async () => {
    const f = files();
    const { code, out } = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule);
    expect(code).toBe(0);
    expect(out).toMatch(/^60 looks from 2026-03-02T08:01:00.000Z to 2026-03-02T09:00:00.000Z/);
    expect(out).toMatch(/First stop: rollback at .* in stage 1 \(10%\) at 10%\./);
  });

  it('leaves out a column the format does not have, such as the index pandas writes first, and says so', async () => {
    const f = files();
    const alone = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    // pandas' DataFrame.to_csv() without index=False: an unnamed first column holding 0, 1, 2, …
    const lines = fs.readFileSync(f.samples, 'utf8').trimEnd().split('\n');
    const indexed = write(f.dir, 'indexed.csv', [`,${lines[0]}`, ...lines.slice(1).map((l, i) => `${i},${l}`)].join('\n') + '\n');
    const result = await cli('backtest', '--plan', f.plan, '--samples', indexed, '--schedule', f.schedule, '--json');
    expect(result.code).toBe(0);
    expect(result.err).toBe(`${indexed}: line 1, column "": not one of t,cohort,metric,value,weight,region,device,tenant; left out`);
    expect(JSON.parse(result.out)).toEqual(JSON.parse(alone.out));
  });

  it('says how many rows end before the rollout began, which no look judges', async () => {
    const f = files();
    const alone = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    const before = recording({ start: S - 10 * MIN, durationMs: 10 * MIN, tickMs: 30_000, metrics: ['error_rate'] });
    const early = write(f.dir, 'early.csv', samplesCsv(before) + fs.readFileSync(f.samples, 'utf8').split('\n').slice(1).join('\n'));
    const result = await cli('backtest', '--plan', f.plan, '--samples', early, '--schedule', f.schedule, '--json');
    expect(result.code).toBe(0);
    expect(result.err).toBe(`${early}: ${before.length} rows end at or before the schedule's first time (2026-03-02T08:00:00.000Z) and are left out: the rollout had not begun`);
    expect(JSON.parse(result.out)).toEqual(JSON.parse(alone.out));
  });

  it('leaves out, and counts, rows of metrics the plan does not gate, deciding as without them', async () => {
    const f = files();
    const alone = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    const extra = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['p95_latency_ms'], canaryFactor: () => 3 });
    const both = write(f.dir, 'all-metrics.csv', fs.readFileSync(f.samples, 'utf8') + samplesCsv(extra).split('\n').slice(1).join('\n'));
    const withExtra = await cli('backtest', '--plan', f.plan, '--samples', both, '--schedule', f.schedule, '--json');
    expect(withExtra.code).toBe(0);
    expect(withExtra.err).toBe(`${both}: ${extra.length} rows of p95_latency_ms left out: the plan gates no p95_latency_ms`);
    expect(JSON.parse(withExtra.out)).toEqual(JSON.parse(alone.out));

    // Left out unread: a latency the plan does not judge cannot fail it, even one no metric can have.
    const negative = write(f.dir, 'negative-latency.csv', `${fs.readFileSync(f.samples, 'utf8')}${S + MIN},canary,p95_latency_ms,-5,,${'x'.repeat(200)},,\n`);
    const unread = await cli('backtest', '--plan', f.plan, '--samples', negative, '--schedule', f.schedule, '--json');
    expect(unread.err).toBe(`${negative}: 1 row of p95_latency_ms left out: the plan gates no p95_latency_ms`);
    expect(unread.code).toBe(0);
    expect(JSON.parse(unread.out)).toEqual(JSON.parse(alone.out));

    const none = write(f.dir, 'latency-only.csv', samplesCsv(extra));
    const nothing = await cli('backtest', '--plan', f.plan, '--samples', none, '--schedule', f.schedule, '--json');
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain(`${none}: column "metric": no row is of a metric the plan gates (error_rate)`);
  });

  it('names the file, line and column of a bad row or a bad schedule, and exits non-zero', async () => {
    const f = files();
    const samples = write(f.dir, 'bad-samples.csv', `${HEADER}\n${S + 1000},canary,error_rate,0.4,100,eu-west,,\n${S + 2000},canary,error-rate,0.4,100,eu-west,,\n2026-03-02 08:00,canary,error_rate,0.4,-3,eu-west,,\n`);
    const bad = await cli('backtest', '--plan', f.plan, '--samples', samples, '--schedule', f.schedule, '--json');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain(`${samples}: line 3, column "metric": "error-rate" is not a metric Stagegate knows; the plan gates error_rate`);
    expect(bad.err).toContain(`${samples}: line 4, column "t": "2026-03-02 08:00" is not a time`);
    expect(bad.err).toContain(`${samples}: line 4, column "weight": -3 is negative`);
    const percent = write(f.dir, 'fraction-samples.csv', `${HEADER}\n${S + 1000},canary,error_rate,0.4,100,eu-west,,\n${S + 2000},baseline,error_rate,140,100,eu-west,,\n`);
    const notPercent = await cli('backtest', '--plan', f.plan, '--samples', percent, '--schedule', f.schedule, '--json');
    expect(notPercent.code).toBe(1);
    expect(notPercent.err).toContain(`${percent}: line 3, column "value": 140 is outside 0 to 100: error_rate is a percent of its weight`);

    const schedule = write(f.dir, 'bad-schedule.csv', `t,stage\n${S},0\n${S + MIN},5\n${S},1\n`);
    const badSchedule = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', schedule);
    expect(badSchedule.code).toBe(1);
    expect(badSchedule.err).toContain(`${schedule}: line 3, column "stage": "5" is not a stage of the plan (0 to 2)`);
    expect(badSchedule.err).toContain(`${schedule}: line 4, column "t": times must increase from row to row`);
    // A stage written 1.0 (pandas, an integer column that held a NaN) is stage 1; 1.5 is no stage.
    const decimals = write(f.dir, 'decimal-schedule.csv', `t,stage\n${S},0.0\n${S + 30 * MIN},1.0\n${S + 40 * MIN},1.5\n`);
    expect((await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', decimals)).err).toBe(`${decimals}: line 4, column "stage": "1.5" is not a stage of the plan (0 to 2)`);
    const written = write(f.dir, 'written-schedule.csv', `t,stage\n${S},0.0\n${S + 30 * MIN},1.0\n`);
    const asIntegers = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    expect(await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', written, '--json')).toEqual(asIntegers);

    const plan = write(f.dir, 'bad-plan.yaml', 'name: p\ntarget: service\nstages:\n  - label: all\n    exposure: 90\n');
    const badPlan = await cli('backtest', '--plan', plan, '--samples', f.samples, '--schedule', f.schedule);
    expect(badPlan.code).toBe(1);
    expect(badPlan.err).toContain(`${plan}: line 5, column 15, stages.0.exposure: the last stage must reach 100%`);

    const missing = await cli('backtest', '--plan', path.join(f.dir, 'nowhere.yaml'), '--samples', f.samples, '--schedule', f.schedule);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nowhere.yaml: cannot read it: no such file');
  });

  it('refuses a day the month does not have, which a date parser would roll over into the next month', async () => {
    const f = files();
    const samples = write(f.dir, 'feb30.csv', `${HEADER}\n2026-02-30T12:00:00Z,canary,error_rate,0.4,100,eu-west,,\n2025-02-29T12:00:00Z,canary,error_rate,0.4,100,eu-west,,\n2024-02-29T12:00:00Z,canary,error_rate,0.4,100,eu-west,,\n`);
    const bad = await cli('backtest', '--plan', f.plan, '--samples', samples, '--schedule', f.schedule, '--json');
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n')).toEqual([`${samples}: line 2, column "t": "2026-02-30T12:00:00Z" is not a time: February 2026 has 28 days`, `${samples}: line 3, column "t": "2025-02-29T12:00:00Z" is not a time: February 2025 has 28 days`]);
  });

  it('reads header names, cohorts and metrics in any case as their lower-case names, and keeps the case of labels, which are data', async () => {
    const f = files();
    const base = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    const [header, ...lines] = fs.readFileSync(f.samples, 'utf8').trimEnd().split('\n');
    const shouted = lines.map((l) => l.replace(',canary,', ',Canary,').replace(',baseline,', ',BASELINE,').replace(',error_rate,', ',Error_Rate,'));
    const cased = write(f.dir, 'cased.csv', [header!.toUpperCase(), ...shouted].join('\n') + '\n');
    const read = await cli('backtest', '--plan', f.plan, '--samples', cased, '--schedule', f.schedule, '--json');
    expect(read.err).toBe('');
    expect(read.code).toBe(0);
    expect(JSON.parse(read.out)).toEqual(JSON.parse(base.out));
    // EU-West is a region of its own, not eu-west: the regression in eu-west is now a region of half its rows.
    const relabelled = write(f.dir, 'relabelled.csv', [header, ...lines.map((l, i) => (i % 2 ? l.replace(',eu-west,', ',EU-West,') : l))].join('\n') + '\n');
    const labels = JSON.parse((await cli('backtest', '--plan', f.plan, '--samples', relabelled, '--schedule', f.schedule, '--json')).out) as BacktestResult;
    expect(labels.looks.at(-1)!.gates[0]!.segments.map((s) => s.labels.region)).toContain('EU-West');
  });

  it('judges a tenant labelled by its UUID (36 characters) as a segment of its own', async () => {
    const tenantPlan = Plan.parse({ ...plan, stages: plan.stages.map((st) => ({ ...st, gates: st.gates.map((g) => ({ ...g, segments: ['tenant'] })) })) });
    const f = files();
    const planFile = write(f.dir, 'tenant.yaml', planToYaml(tenantPlan));
    const tenant = '3f2b8c1e-9d4a-4e7b-8f6a-2c1d0e9b7a65';
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'] }).map((r) => ({ ...r, tenant: r.region === 'eu-west' ? tenant : 'small' }));
    const samples = write(f.dir, 'uuid.csv', samplesCsv(rows));
    const run = await cli('backtest', '--plan', planFile, '--samples', samples, '--schedule', f.schedule, '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as BacktestResult).looks.at(-1)!.gates[0]!.segments.map((s) => s.labels.tenant)).toContain(tenant);
  });

  it('says once, of the plan, that a plan without gates leaves nothing to backtest or check', async () => {
    const f = files();
    const ungated = write(f.dir, 'ungated.yaml', planToYaml(Plan.parse({ ...plan, stages: plan.stages.map((st) => ({ ...st, gates: [] })) })));
    expect(await cli('backtest', '--plan', ungated, '--samples', f.samples, '--schedule', f.schedule, '--json')).toMatchObject({ code: 1, out: '', err: `${ungated}: no stage has gates, so there is nothing to backtest` });
    expect(await cli('plan', 'check', '--plan', ungated, '--samples', f.samples)).toMatchObject({ code: 1, out: '', err: `${ungated}: no stage has gates, so there is nothing to check` });
  });

  it('says when crash-free users look written as fractions, which read as a canary and baseline crashing for nearly everyone', async () => {
    const crashPlan = write(tempDir(), 'crash.yaml', planToYaml(Plan.parse({ ...plan, stages: plan.stages.map((st) => ({ ...st, gates: st.gates.length ? [{ id: 'crash-free', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, minSamples: 500 }] : [] })) })));
    const rows = recording({ start: S, durationMs: 20 * MIN, tickMs: MIN, metrics: ['crash_free_users'] });
    const f = files();
    const fractions = write(f.dir, 'fractions.csv', samplesCsv(rows.map((r) => ({ ...r, value: r.value === null ? null : r.value / 100 }))));
    const warned = await cli('backtest', '--plan', crashPlan, '--samples', fractions, '--schedule', f.schedule, '--json');
    expect(warned.code).toBe(0);
    expect(warned.err).toContain(`${fractions}: every crash_free_users value is at most 1: it is read in percent`);
    const percents = write(f.dir, 'percents.csv', samplesCsv(rows));
    // Twenty minutes of rows under a schedule whose stage 1 begins at 30: said too, and nothing else.
    expect((await cli('backtest', '--plan', crashPlan, '--samples', percents, '--schedule', f.schedule, '--json')).err).toBe(
      `${f.schedule}: stage 1 (10%) from 2026-03-02T08:30:00.000Z is not reached: the last look is at 2026-03-02T08:20:00.000Z, the last row ends at 2026-03-02T08:20:00.000Z`,
    );
  });

  it('says when error_rate rows look like windows that overlap, and still runs the backtest', async () => {
    const f = files();
    const lines = [HEADER];
    windowed(minutes(3), 5).forEach((m, k) => {
      for (const cohort of ['canary', 'baseline'] as const) lines.push(`${S + (k + 1) * MIN},${cohort},error_rate,${(100 * m[cohort].events) / m[cohort].trials},${m[cohort].trials},,,`);
    });
    const samples = write(f.dir, 'windows.csv', `${lines.join('\n')}\n`);
    const run = await cli('backtest', '--plan', f.plan, '--samples', samples, '--schedule', f.schedule, '--json');
    expect(run.code).toBe(0);
    expect(run.err).toContain(`${samples}: error_rate rows look like windows that overlap`);
    expect((JSON.parse(run.out) as BacktestResult).looks.length).toBeGreaterThan(0);
  });

  it('shows on a terminal how many of its looks a backtest has taken, then clears the line', async () => {
    const f = files();
    const shown = await cliOnTerminal('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    expect(shown.code).toBe(0);
    const looks = (JSON.parse(shown.out) as BacktestResult).looks.length;
    expect(looks).toBeGreaterThan(50);
    expect(shown.progress.at(-1)).toBeNull();
    const lines = shown.progress.slice(0, -1) as string[];
    // One line per hundredth at most, the count rising to every look.
    expect(lines.length).toBeLessThanOrEqual(101);
    expect(lines[0]).toBe(`backtest: 1 of ${looks} looks (${Math.floor(100 / looks)} %)`);
    expect(lines.at(-1)).toBe(`backtest: ${looks} of ${looks} looks (100 %)`);
    const counts = lines.map((l) => Number(/: (\d+) of/.exec(l)![1]));
    expect(counts.every((c, i) => i === 0 || c > counts[i - 1]!)).toBe(true);
    // Off a terminal (a pipe, a file), nothing but the result and the notes.
    expect((await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json')).out).toBe(shown.out);
  });

  it('refuses epoch seconds in the samples and in the schedule, naming the line, as ingest refuses a time before 2000', async () => {
    const f = files();
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'] });
    const samples = write(f.dir, 'seconds.csv', samplesCsv(rows.map((r) => ({ ...r, t: r.t / 1000 }))));
    const inSeconds = await cli('backtest', '--plan', f.plan, '--samples', samples, '--schedule', f.schedule, '--json');
    expect(inSeconds.code).toBe(1);
    expect(inSeconds.err.split('\n')[0]).toBe(`${samples}: line 2, column "t": "${(S + 30_000) / 1000}" is before 2000 in epoch milliseconds; it looks like epoch seconds: multiply it by 1000`);
    // A schedule in seconds, which would otherwise ask for millions of looks.
    const schedule = write(f.dir, 'seconds-schedule.csv', `t,stage\n${S / 1000},0\n${(S + 30 * MIN) / 1000},1\n`);
    const scheduled = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', schedule, '--json');
    expect(scheduled.code).toBe(1);
    expect(scheduled.err.split('\n')).toEqual([2, 3].map((line) => `${schedule}: line ${line}, column "t": "${(line === 2 ? S : S + 30 * MIN) / 1000}" is before 2000 in epoch milliseconds; it looks like epoch seconds: multiply it by 1000`));
    // One rule for both commands: ingest and backtest refuse t = 0 and 1000 alike, where the backtest once left them out as early rows.
    const tiny = write(f.dir, 'tiny.csv', `${HEADER}\n0,canary,error_rate,0.4,100,,,\n1000,canary,error_rate,0.4,100,,,\n${S + MIN},canary,error_rate,0.4,100,,,\n`);
    const refusal = [2, 3].map((line) => `${tiny}: line ${line}, column "t": "${line === 2 ? 0 : 1000}" is before 2000 in epoch milliseconds: times are epoch milliseconds from 2000 on (946684800000)`);
    const backtested = await cli('backtest', '--plan', f.plan, '--samples', tiny, '--schedule', f.schedule, '--json');
    expect(backtested).toMatchObject({ code: 1, err: refusal.join('\n') });
    const { dir, releaseId } = await dataDirWithRelease();
    expect(await cli('ingest', tiny, '--release', releaseId, '--data-dir', dir)).toMatchObject({ code: 1, err: refusal.join('\n') });
    // Microseconds, and a year past 2100 written out: refused by both commands, as the contract refuses them.
    const far = write(f.dir, 'far.csv', `${HEADER}\n${S * 1000},canary,error_rate,0.4,100,,,\n2200-01-01T00:00:00Z,canary,error_rate,0.4,100,,,\n${S + MIN},canary,error_rate,0.4,100,,,\n`);
    const farRefusal = [`${far}: line 2, column "t": "${S * 1000}" is from 2100 or later in epoch milliseconds; it looks like epoch microseconds: divide it by 1000`, `${far}: line 3, column "t": "2200-01-01T00:00:00Z" is from 2100 or later: times are before 2100`];
    expect(await cli('backtest', '--plan', f.plan, '--samples', far, '--schedule', f.schedule, '--json')).toMatchObject({ code: 1, err: farRefusal.join('\n') });
    expect(await cli('ingest', far, '--release', releaseId, '--data-dir', dir)).toMatchObject({ code: 1, err: farRefusal.join('\n') });
  });

  it('says before it looks what no look will see: rows after the last look, a stage not reached or without a look, a far-off row, a missing cohort, a schedule begun long before the rows', async () => {
    const f = files();
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'] });
    const run = async (samples: string, schedule: string, ...more: string[]) => {
      const r = await cli('backtest', '--plan', f.plan, '--samples', samples, '--schedule', schedule, '--json', ...more);
      expect(r.code).toBe(0);
      return r.err.split('\n');
    };
    // Looks 7 minutes apart over an hour: the last at 56 minutes, the rows after it never judged.
    const tail = rows.filter((r) => r.t > S + 56 * MIN).length;
    expect(tail).toBeGreaterThan(0);
    expect(await run(f.samples, f.schedule, '--look-every', '7m')).toEqual([
      `${f.samples}: ${tail} rows end after the last look (2026-03-02T08:56:00.000Z) and are not judged: the next look, at 2026-03-02T09:03:00.000Z, would fall after the last row`,
    ]);
    // The stage written every minute, as a scraped gauge exports it: its changes are what count, so no stage lacks a look.
    const gauge = write(f.dir, 'gauge.csv', `t,stage\n${Array.from({ length: 60 }, (_, i) => `${S + i * MIN},${i < 30 ? 0 : 1}`).join('\n')}\n`);
    expect(await run(f.samples, gauge, '--look-every', '2m')).toEqual(['']);
    const later = write(f.dir, 'later.csv', `t,stage\n${S},0\n${S + 90 * MIN},1\n`);
    expect(await run(f.samples, later)).toEqual([`${later}: stage 1 (10%) from 2026-03-02T09:30:00.000Z is not reached: the last look is at 2026-03-02T09:00:00.000Z, the last row ends at 2026-03-02T09:00:00.000Z`]);
    // A look every 45 minutes: the first falls in stage 1, none in stage 0's half hour.
    expect(await run(f.samples, f.schedule, '--look-every', '45m')).toContain(`${f.schedule}: stage 0 (1%), from 2026-03-02T08:00:00.000Z to 2026-03-02T08:30:00.000Z, has no look of its own with a look every 45m: no decision can fall in it`);
    const farOff = write(f.dir, 'far-off.csv', samplesCsv([...rows, { ...rows[0]!, t: S + 4 * 60 * MIN }]));
    expect(await run(farOff, f.schedule, '--look-every', '10m')).toContain(`${farOff}: line ${rows.length + 2}: its time (2026-03-02T12:00:00.000Z) comes 3h after the row before it; the looks between see no row`);
    const canaryOnly = write(f.dir, 'canary-only.csv', samplesCsv(rows.filter((r) => r.cohort === 'canary')));
    expect(await run(canaryOnly, f.schedule)).toEqual([`${canaryOnly}: no baseline row of error_rate: gate errors judges it, and will have no data at any look`]);
    const early = write(f.dir, 'early.csv', `t,stage\n${S - 2 * 60 * MIN},0\n${S + 30 * MIN},1\n`);
    expect(await run(f.samples, early)).toEqual([`${f.samples}: the first row ends 2h30s after the schedule's first time (2026-03-02T06:00:00.000Z): the first 120 looks see no row (is a time zone off?)`]);
    // Each region's cells by device, beside a subtotal row of the region; a total labelled "all".
    const cells = rows.flatMap((r) => [{ ...r, device: 'phone', weight: r.weight / 2 }, { ...r, device: 'web', weight: r.weight / 2 }]);
    const subtotals = write(f.dir, 'subtotals.csv', samplesCsv([...cells, ...rows]));
    expect(await run(subtotals, f.schedule)).toEqual([
      `${subtotals}: rows of error_rate labelled by region alone beside rows labelled by region and device: each row is a cell, so a subtotal row is counted twice, in its segment and in the total pooled from cells; leave subtotals out`,
    ]);
    expect(await run(write(f.dir, 'cells.csv', samplesCsv(cells)), f.schedule)).toEqual(['']);
    const all = write(f.dir, 'all.csv', samplesCsv([...rows, ...rows.filter((r) => r.region === 'us-east').map((r) => ({ ...r, region: 'All' }))]));
    expect(await run(all, f.schedule)).toEqual([`${all}: region "All" is judged as a segment of that name, not as a total: a total row leaves region, device and tenant empty`]);
    // Total rows beside the cells, summed from them: said only where the canary's traffic leans to some cells.
    const withTotals = (cellRows: typeof rows) => {
      const sums = new Map<string, (typeof rows)[number]>();
      for (const r of cellRows) {
        const key = `${r.t} ${r.cohort} ${r.metric}`;
        const sum = sums.get(key);
        const v = (r.value ?? 0) * r.weight;
        if (!sum) sums.set(key, { ...r, region: '', device: '', tenant: '', value: v });
        else sums.set(key, { ...sum, value: (sum.value ?? 0) + v, weight: sum.weight + r.weight });
      }
      return samplesCsv([...cellRows, ...[...sums.values()].map((r) => ({ ...r, value: (r.value ?? 0) / r.weight }))]);
    };
    expect(await run(write(f.dir, 'even-totals.csv', withTotals(rows)), f.schedule)).toEqual(['']);
    const leaning = write(f.dir, 'leaning-totals.csv', withTotals(rows.map((r) => (r.cohort === 'canary' && r.region === rows[0]!.region ? { ...r, weight: r.weight * 6 } : r))));
    const said = await run(leaning, f.schedule);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`${leaning}: error_rate has total rows beside its cells, and `);
    expect(said[0]).toContain("% of the canary's traffic falls on the cells otherwise than the baseline's: the total is judged on the total rows alone");
    expect(await run(f.samples, f.schedule, '--look-every', '30s')).toEqual([
      "--look-every 30s: the guard judges whole minutes, so a look between two minute ends sees the rows of the minute it falls in only at the first look at or after that minute's end",
    ]);
  });

  it('says how many rows repeat an earlier row’s series and time, apart from those that give it another value, and judges the later one, as a batch sent again replaces', async () => {
    const f = files();
    const base = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && t > S + 35 * MIN ? 20 : 1) });
    // Every us-east canary row is preceded by a copy twenty times worse, which the later row replaces;
    // every ap-south baseline row comes twice, the same.
    const doubled = rows.flatMap((r) => (r.cohort === 'canary' && r.region === 'us-east' ? [{ ...r, value: r.value! * 20 }, r] : r.cohort === 'baseline' && r.region === 'ap-south' ? [r, r] : [r]));
    const repeated = write(f.dir, 'repeated.csv', samplesCsv(doubled));
    const replayed = await cli('backtest', '--plan', f.plan, '--samples', repeated, '--schedule', f.schedule, '--json');
    const conflicts = rows.filter((r) => r.cohort === 'canary' && r.region === 'us-east').length;
    const same = rows.filter((r) => r.cohort === 'baseline' && r.region === 'ap-south').length;
    expect(conflicts).toBeGreaterThan(10);
    expect(same).toBeGreaterThan(10);
    // The header is line 1: the first worse copy is on line index + 2, the row that replaces it on the next.
    const firstCopy = doubled.findIndex((r) => r.cohort === 'canary' && r.region === 'us-east') + 2;
    expect(replayed.err.split('\n')).toEqual([
      `${repeated}: ${same} rows repeat the cohort, metric, labels, time, value and weight of an earlier row; the later replaces the earlier, as a batch sent again does`,
      `${repeated}: ${conflicts} rows give another value or weight for the cohort, metric, labels and time of an earlier row (first: line ${firstCopy + 1}, after line ${firstCopy}); the later line is kept, so the file's order decides what is judged (a value per pod or host needs a label of its own, or pooling first)`,
    ]);
    expect(JSON.parse(replayed.out)).toEqual(JSON.parse(base.out));
  });

  it('says how many rows carry a value the guard leaves out — weight 0, a latency of 0 — and decides as without them', async () => {
    const f = files();
    const base = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && t > S + 35 * MIN ? 20 : 1) });
    // Two canary rows of weight 0, twenty times worse, in a region of their own.
    const extra = [
      { ...rows[0]!, t: S + 90_000, region: 'ap-east', weight: 0, value: 10 },
      { ...rows[0]!, t: S + 150_000, region: 'ap-east', weight: 0, value: 10 },
    ];
    const withZero = write(f.dir, 'zero.csv', samplesCsv([...rows, ...extra]));
    const replayed = await cli('backtest', '--plan', f.plan, '--samples', withZero, '--schedule', f.schedule, '--json');
    expect(replayed.err).toBe(`${withZero}: 2 rows have a value that is left out of every judgement: 2 of weight 0`);
    expect(JSON.parse(replayed.out)).toEqual(JSON.parse(base.out));
    const { dir, releaseId } = await dataDirWithRelease();
    const latency = write(dir, 'latency.csv', [HEADER, `${S},canary,p95_latency_ms,0,120,,,`, `${S},baseline,p95_latency_ms,180,480,,,`].join('\n'));
    const ingested = await cli('ingest', latency, '--release', releaseId, '--data-dir', dir);
    expect(ingested.code).toBe(0);
    expect(ingested.err).toBe(`${latency}: 1 row has a value that is left out of every judgement: 1 of p95_latency_ms at 0, which is compared by ratio`);
  });

  it('says, exiting 2, when no look falls within the recording — a bare number read as seconds, a look longer than the recording', async () => {
    const f = files();
    const run = (every: string, samples = f.samples) => cli('backtest', '--plan', f.plan, '--samples', samples, '--schedule', f.schedule, '--look-every', every, '--json');
    const hour = "the recording (1h from the schedule's first time to the last row)";
    expect(await run('60000')).toMatchObject({ code: 2, out: '', err: `--look-every 60000 is read as 16h40m (a number is seconds) and is longer than ${hour}: no look falls within it; write a unit (60s, 1m)` });
    expect(await run('2h')).toMatchObject({ code: 2, out: '', err: `--look-every 2h is longer than ${hour}: no look falls within it; look more often` });
    expect((await run('1h')).code).toBe(0);
    const short = write(f.dir, 'short.csv', `${HEADER}\n${S + 30_000},canary,error_rate,0.4,100,,,\n`);
    expect(await cli('backtest', '--plan', f.plan, '--samples', short, '--schedule', f.schedule)).toMatchObject({
      code: 2,
      err: "--look-every's default of 1m is longer than the recording (30s from the schedule's first time to the last row): no look falls within it; look more often",
    });
    const early = write(f.dir, 'early.csv', `${HEADER}\n${S - MIN},canary,error_rate,0.4,100,,,\n`);
    const before = await cli('backtest', '--plan', f.plan, '--samples', early, '--schedule', f.schedule);
    expect(before.code).toBe(1);
    expect(before.err.split('\n').at(-1)).toBe(`${early}: no row ends after the schedule's first time (2026-03-02T08:00:00.000Z), so no look falls within the recording`);
    // Eight days at a look a second is past the engine's bound: most often one mistyped time, so the row setting the span is named beside the option.
    const week = write(f.dir, 'week.csv', `${HEADER}\n${S + MIN},canary,error_rate,0.4,100,,,\n${S + 8 * 24 * 60 * MIN},canary,error_rate,0.4,100,,,\n`);
    expect(await cli('backtest', '--plan', f.plan, '--samples', week, '--schedule', f.schedule, '--look-every', '1s')).toMatchObject({
      code: 1,
      err: `${week}: line 3: its time (2026-03-10T08:00:00.000Z) is 8d after the schedule's first time: 691,200 looks 1s apart, more than the 600,000 a backtest takes; check that row's time, or look less often (--look-every)`,
    });
  });

  it('takes a total row whose value is missing for no total at all: the total is pooled from the cells, as its help says', async () => {
    const f = files();
    const base = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--json');
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && t > S + 35 * MIN ? 20 : 1) });
    const totals = (value: number | null) => [...new Set(rows.map((r) => r.t))].flatMap((t) => (['canary', 'baseline'] as const).map((cohort) => ({ t, cohort, metric: 'error_rate' as const, value, weight: 5000, region: '', device: '', tenant: '' })));
    const missing = write(f.dir, 'missing-totals.csv', samplesCsv([...rows, ...totals(null)]));
    expect(JSON.parse((await cli('backtest', '--plan', f.plan, '--samples', missing, '--schedule', f.schedule, '--json')).out)).toEqual(JSON.parse(base.out));
    // The control: total rows with a value are the total in place of the cells, and the result changes.
    const present = write(f.dir, 'present-totals.csv', samplesCsv([...rows, ...totals(0.5)]));
    const judged = JSON.parse((await cli('backtest', '--plan', f.plan, '--samples', present, '--schedule', f.schedule, '--json')).out) as BacktestResult;
    expect(judged).not.toEqual(JSON.parse(base.out));
  });

  it('prints its own usage for backtest --help, and refuses a bad duration as a usage error', async () => {
    const help = await cli('backtest', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run cli -- backtest [options]');
    expect(help.out).toContain('--look-every <duration>');
    expect(help.out).toContain('SAMPLES.csv    header t,cohort,metric,value,weight,region,device,tenant');
    // What a look judges: whole minutes, each at the first look at or after its end.
    expect(help.out.replace(/\s+/g, ' ')).toContain('rows finer than a minute are pooled into the minute they end in, and a minute is judged at the first look at or after its end');
    expect(help.out.replace(/\s+/g, ' ')).toContain('A total row whose value is missing (empty, NaN, null) is not a total for its time and cohort');
    const f = files();
    const bad = await cli('backtest', '--plan', f.plan, '--samples', f.samples, '--schedule', f.schedule, '--look-every', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"soon" is not a duration');
  });
});
