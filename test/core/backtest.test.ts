import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BacktestInputError, LOOK_EVERY_MS, runBacktest } from '../../electron/core/backtest/index.ts';
import { BacktestResult, Plan, type BacktestRow, type GateInput } from '../../shared/index.ts';
import { recording } from '../support/recording.ts';
import { tempDir } from '../support/tmp.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const S = Date.UTC(2026, 2, 2, 8, 0, 0);

const gates: GateInput[] = [{ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, segments: ['region'], minSamples: 500 }];
const stage = (label: string, exposure: number) => ({ label, exposure, minSoak: '10m', minSamples: 500, promotion: 'automatic' as const, onFailure: 'rollback' as const, gates });
const plan = Plan.parse({ name: 'Service canary', target: 'service', stages: [stage('1%', 1), stage('10%', 10), stage('50%', 50), { label: 'all', exposure: 100 }] });
const EXPOSURE = [1, 10, 50, 100];

// Stage 0 from S, stage 1 from S + 1 h (a look falls there), stage 2 from 90 s after S + 2 h (between looks).
const schedule = [
  { t: S, stage: 0 },
  { t: S + HOUR, stage: 1 },
  { t: S + 2 * HOUR + 90_000, stage: 2 },
];
const stageAt = (t: number): number => (t <= S + HOUR ? 0 : t <= S + 2 * HOUR + 90_000 ? 1 : 2);
const healthy = (): BacktestRow[] => recording({ start: S, durationMs: 3 * HOUR, tickMs: 30_000, metrics: ['error_rate'] });
// From S + 70 min the canary's error rate in eu-west is 20 times the baseline's, with plenty of traffic.
const FAULT_AT = S + 70 * MIN;
const regressed = (): BacktestRow[] =>
  recording({ start: S, durationMs: 3 * HOUR, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && t >= FAULT_AT ? 20 : 1) });

const keys = (o: object): string[] => Object.keys(o).sort();

function expectEveryKey(result: BacktestResult): void {
  expect(keys(result)).toEqual(['decisions', 'firstStop', 'looks']);
  for (const look of result.looks) {
    expect(keys(look)).toEqual(['gates', 'stage', 't']);
    for (const gate of look.gates) {
      expect(keys(gate)).toEqual(['id', 'outcome', 'segments']);
      for (const s of gate.segments) expect(keys(s)).toEqual(['labels', 'outcome']);
    }
  }
  for (const d of result.decisions) expect(keys(d)).toEqual(['action', 'exposure', 'gate', 'reason', 'segment', 'stage', 't']);
  if (result.firstStop) expect(keys(result.firstStop)).toEqual(['action', 'exposure', 'stage', 't']);
  expect(BacktestResult.parse(result)).toEqual(result);
  // What the CLI prints: null where there is none, never a key left out.
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}

describe('the backtest', () => {
  let tmp: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    // The engine's temporary folder goes in a folder of this test's own, so its removal can be checked.
    savedTmp = process.env.TMPDIR;
    tmp = tempDir();
    process.env.TMPDIR = tmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('looks every lookEvery after the schedule starts, up to the last sample, under the stage the schedule has in force', async () => {
    const result = await runBacktest({ plan, samples: healthy(), schedule, lookEveryMs: 5 * MIN });
    expectEveryKey(result);
    expect(result.looks.map((l) => l.t)).toEqual(Array.from({ length: 36 }, (_, i) => S + (i + 1) * 5 * MIN));
    // The look at S + 1 h, when stage 1 begins, is judged under stage 0, which ends there.
    expect(result.looks.map((l) => l.stage)).toEqual(result.looks.map((l) => stageAt(l.t)));
    expect(result.looks.find((l) => l.t === S + HOUR)!.stage).toBe(0);
    for (const look of result.looks) {
      expect(look.gates.map((g) => g.id)).toEqual(['errors']);
    }
    const judged = result.looks.at(-1)!.gates[0]!;
    expect(judged.segments.map((s) => s.labels)).toEqual([{ region: 'ap-south' }, { region: 'eu-west' }, { region: 'us-east' }]);
  });

  it('keeps to the schedule after the guard promotes: one promote per stage at most, after its soak, at its exposure', async () => {
    const result = await runBacktest({ plan, samples: healthy(), schedule, lookEveryMs: 5 * MIN });
    const promotes = result.decisions.filter((d) => d.action === 'promote');
    expect(promotes.length).toBeGreaterThan(0);
    expect(new Set(promotes.map((d) => d.stage)).size).toBe(promotes.length);
    for (const d of promotes) {
      const begun = [...schedule].reverse().find((s) => s.stage === d.stage)!.t;
      expect(d.t - begun).toBeGreaterThanOrEqual(10 * MIN);
      expect(d).toMatchObject({ stage: stageAt(d.t), exposure: EXPOSURE[d.stage], gate: null, segment: null });
    }
    expect(result.looks.map((l) => l.stage)).toEqual(result.looks.map((l) => stageAt(l.t)));
    expect(result.firstStop).toBeNull();
    expect(result.decisions.filter((d) => d.action !== 'promote')).toEqual([]);
  });

  it('stops a gross regression in one region, naming the gate and the region, and follows the schedule after the stop', async () => {
    const result = await runBacktest({ plan, samples: regressed(), schedule, lookEveryMs: 5 * MIN });
    expectEveryKey(result);
    const stop = result.firstStop!;
    expect(stop).not.toBeNull();
    expect(stop.action).toBe('rollback');
    expect(stop.t).toBeGreaterThan(FAULT_AT);
    expect(stop.t).toBeLessThanOrEqual(S + 2 * HOUR + 90_000);
    expect(stop).toEqual({ t: stop.t, stage: 1, exposure: 10, action: 'rollback' });
    const decision = result.decisions.find((d) => d.t === stop.t && d.action === 'rollback')!;
    expect(decision).toMatchObject({ stage: 1, exposure: 10, gate: 'errors', segment: { region: 'eu-west' } });
    expect(decision.reason).toMatch(/eu-west/);
    // Looks go on after the stop, still reporting the gates, and the next stage is rolled again and stopped again.
    expect(result.looks.map((l) => l.t)).toEqual(Array.from({ length: 36 }, (_, i) => S + (i + 1) * 5 * MIN));
    expect(result.looks.map((l) => l.stage)).toEqual(result.looks.map((l) => stageAt(l.t)));
    const afterStop = result.looks.filter((l) => l.t > stop.t && l.stage === 1);
    for (const look of afterStop) expect(look.gates[0]!.segments.find((s) => s.labels.region === 'eu-west')!.outcome).toBe('fail');
    expect(result.decisions.filter((d) => d.stage === 2).map((d) => d.action)).toContain('rollback');
    expect(result.decisions.filter((d) => d.stage === 1 && d.action === 'rollback')).toHaveLength(1);
  });

  it('pairs canary and baseline samples taken seconds apart within a minute, and stops the same regression', async () => {
    // Each canary row 7 s before its baseline's: as taken, no canary interval has a baseline beside it.
    const skewed = regressed().map((r) => (r.cohort === 'canary' ? { ...r, t: r.t - 7_000 } : r));
    const result = await runBacktest({ plan, samples: skewed, schedule, lookEveryMs: 5 * MIN });
    expect(result.firstStop).toMatchObject({ stage: 1, exposure: 10, action: 'rollback' });
    expect(result.firstStop!.t).toBeGreaterThan(FAULT_AT);
    expect(result.decisions.find((d) => d.action === 'rollback')).toMatchObject({ gate: 'errors', segment: { region: 'eu-west' } });
    // Before the fault, the gate is judged on the pairs (a pass at the first stage), not left without data.
    expect(result.looks.filter((l) => l.stage === 0).map((l) => l.gates[0]!.outcome)).toContain('pass');
  });

  it('decides the same whatever second of the clock the recording began at', async () => {
    // The same rollout 17 s later: its samples, schedule and looks all on its own minutes, not the clock's.
    const shift = 17_000;
    const onTime = await runBacktest({ plan, samples: regressed(), schedule, lookEveryMs: 5 * MIN });
    const later = await runBacktest({ plan, samples: regressed().map((r) => ({ ...r, t: r.t + shift })), schedule: schedule.map((c) => ({ ...c, t: c.t + shift })), lookEveryMs: 5 * MIN });
    const shifted = (r: BacktestResult) => ({
      looks: r.looks.map((l) => ({ ...l, t: l.t + shift })),
      decisions: r.decisions.map((d) => ({ ...d, t: d.t + shift })),
      firstStop: r.firstStop && { ...r.firstStop, t: r.firstStop.t + shift },
    });
    expect(onTime.firstStop).not.toBeNull();
    expect(later).toEqual(shifted(onTime));
  });

  it('does not lose the rows after a stage’s last look when the schedule moves on between looks, nor a stage shorter than a look’s interval', async () => {
    // Stage 1 from S + 1 h (on a look), stage 2 from `change` (between two looks); the canary fails in
    // eu-west from `burstFrom` to the change only, healthy before and after, so only rows no look of
    // stage 1 saw hold the evidence: they are folded as the stage ends, and the next stage's first look stops on them.
    async function burstBeforeChange(burstFrom: number, change: number) {
      const offLook = [
        { t: S, stage: 0 },
        { t: S + HOUR, stage: 1 },
        { t: change, stage: 2 },
      ];
      const burst = (t: number) => t > burstFrom && t <= change;
      const samples = recording({ start: S, durationMs: 2 * HOUR, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && burst(t) ? 20 : 1) });
      return runBacktest({ plan, samples, schedule: offLook, lookEveryMs: 10 * MIN });
    }
    // Stage 1 lasts 9.5 minutes: no look falls in it at all. (The burst needs several minutes to fail a
    // segment: samples are judged by the minute, each adding at most 1.5 nats.)
    const short = await burstBeforeChange(S + HOUR, S + HOUR + 570_000);
    expect(short.looks.some((l) => l.stage === 1)).toBe(false);
    expect(short.firstStop).toEqual({ t: S + HOUR + 10 * MIN, stage: 2, exposure: 50, action: 'rollback' });
    expect(short.decisions.find((d) => d.action === 'rollback')).toMatchObject({ gate: 'errors', segment: { region: 'eu-west' } });
    // Stage 1 lasts 19.5 minutes: its one look (at 1 h 10 min) comes before the burst.
    const tail = await burstBeforeChange(S + HOUR + 10 * MIN, S + HOUR + 1_170_000);
    expect(tail.looks.filter((l) => l.stage === 1).map((l) => l.t)).toEqual([S + HOUR + 10 * MIN]);
    expect(tail.firstStop).toEqual({ t: S + HOUR + 20 * MIN, stage: 2, exposure: 50, action: 'rollback' });
  });

  it('carries the failure side across a schedule that goes back to an earlier stage or skips one', async () => {
    // eu-west fails from 70 min, in stage 1; the schedule goes back to stage 0 at 100 min, or skips from stage 0 to stage 2.
    const samples = recording({ start: S, durationMs: 2 * HOUR, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && t >= FAULT_AT ? 20 : 1) });
    const outcomes = (r: BacktestResult, from: number) => r.looks.filter((l) => l.t > from).map((l) => l.gates[0]!.outcome);
    const back = await runBacktest({ plan, samples, schedule: [{ t: S, stage: 0 }, { t: S + HOUR, stage: 1 }, { t: S + 100 * MIN, stage: 0 }], lookEveryMs: 5 * MIN });
    const failedAt = back.looks.find((l) => l.gates[0]!.outcome === 'fail')!;
    expect(failedAt.stage).toBe(1);
    // A crossing stays crossed: back at 1 %, every look still fails, from the first.
    expect(outcomes(back, S + 100 * MIN)).toEqual(Array(4).fill('fail'));
    const skip = await runBacktest({ plan, samples, schedule: [{ t: S, stage: 0 }, { t: S + 100 * MIN, stage: 2 }], lookEveryMs: 5 * MIN });
    expect(skip.looks.find((l) => l.t === S + 100 * MIN)!.gates[0]!.outcome).toBe('fail');
    expect(outcomes(skip, S + 100 * MIN)).toEqual(Array(4).fill('fail'));
    // Looked at 30 s into stage 2, before its first minute is whole: the stop says what it stands on.
    const early = await runBacktest({ plan, samples, schedule: [{ t: S, stage: 0 }, { t: S + 100 * MIN, stage: 2 }], lookEveryMs: 30_000 });
    const stop = early.decisions.find((d) => d.stage === 2)!;
    expect(stop.t).toBe(S + 100 * MIN + 30_000);
    expect(stop.reason).toMatch(/fails in region eu-west: no canary value in this stage yet, evidence [\d.]+ of [\d.]+ from the stages before it/);
  });

  it('takes a schedule row that names the stage already in force for no change, as a stage gauge scraped every minute writes it', async () => {
    const input = { plan, samples: regressed(), lookEveryMs: 5 * MIN };
    const compact = await runBacktest({ ...input, schedule });
    expect(compact.firstStop).toMatchObject({ stage: 1, action: 'rollback' });
    // The stage in force from each minute on (stageAt names the stage a look at t is judged under).
    const inForce = (t: number): number => (t < S + HOUR ? 0 : t < S + 2 * HOUR + 90_000 ? 1 : 2);
    const everyMinute = Array.from({ length: 180 }, (_, i) => ({ t: S + i * MIN, stage: inForce(S + i * MIN) }));
    const written = [...everyMinute.filter((r) => r.t < S + 2 * HOUR + 90_000), { t: S + 2 * HOUR + 90_000, stage: 2 }, ...everyMinute.filter((r) => r.t > S + 2 * HOUR + 90_000)];
    expect(written.filter((r, i) => i > 0 && r.stage === written[i - 1]!.stage).length).toBeGreaterThan(150);
    expect(await runBacktest({ ...input, schedule: written })).toEqual(compact);
  });

  it('ends between looks when its signal aborts, throwing the reason and leaving no temporary database', async () => {
    const stop = new AbortController();
    let seen = 0;
    const run = runBacktest(
      { plan, samples: healthy(), schedule, lookEveryMs: MIN },
      {
        signal: stop.signal,
        onProgress: ({ looked }) => {
          seen = looked;
          if (looked === 20) stop.abort(new Error('interrupted'));
        },
      },
    );
    await expect(run).rejects.toThrow('interrupted');
    expect(seen).toBeGreaterThanOrEqual(20);
    expect(seen).toBeLessThan(40);
  });

  it('decides exactly as when each look’s state is written as text and read back, as the live guard does', async () => {
    const back = [{ t: S, stage: 0 }, { t: S + HOUR, stage: 1 }, { t: S + 100 * MIN, stage: 0 }, { t: S + 2 * HOUR, stage: 2 }];
    const input = { plan, samples: regressed(), schedule: back, lookEveryMs: 2 * MIN };
    const inMemory = await runBacktest(input);
    expect(inMemory.firstStop).not.toBeNull();
    expect(await runBacktest(input, { statesAsText: true })).toEqual(inMemory);
  });

  it('looks once a minute by default, and keeps total rows and missing values', async () => {
    expect(LOOK_EVERY_MS).toBe(MIN);
    const rows = recording({ start: S, durationMs: 30 * MIN, tickMs: 20_000, metrics: ['error_rate'], totals: true });
    // A missing value on every eu-west canary row: that segment has no canary data to judge.
    const samples = rows.map((r) => (r.region === 'eu-west' && r.cohort === 'canary' ? { ...r, value: null } : r));
    const result = await runBacktest({ plan, samples, schedule: [{ t: S, stage: 0 }] });
    expect(result.looks.map((l) => l.t)).toEqual(Array.from({ length: 30 }, (_, i) => S + (i + 1) * MIN));
    const last = result.looks.at(-1)!.gates[0]!;
    expect(last.segments.map((s) => s.labels.region)).toEqual(['ap-south', 'eu-west', 'us-east']);
    expect(last.segments.find((s) => s.labels.region === 'eu-west')!.outcome).toBe('no_data');
    expect(result.firstStop).toBeNull();
  });

  it('refuses a schedule outside the plan or out of order, naming the row', async () => {
    const samples = healthy().slice(0, 100);
    await expect(runBacktest({ plan, samples, schedule: [{ t: S, stage: 0 }, { t: S + HOUR, stage: 7 }] })).rejects.toThrow(BacktestInputError);
    await expect(runBacktest({ plan, samples, schedule: [{ t: S, stage: 0 }, { t: S + HOUR, stage: 7 }] })).rejects.toThrow(/schedule\.1\.stage/);
    await expect(runBacktest({ plan, samples, schedule: [{ t: S + HOUR, stage: 0 }, { t: S, stage: 1 }] })).rejects.toThrow(/schedule\.1\.t/);
  });
});
