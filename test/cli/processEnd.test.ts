// The CLI as its own process, ended from outside: a signal during a backtest, a standard output that
// cannot be written.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INGEST_ROWS, Plan, planToYaml } from '../../shared/index.ts';
import { openDatabase } from '../../electron/core/db/open.ts';
import { batchEnds } from '../../electron/cli/commands/ingest.ts';
import { cli, dataDirWithRelease, write } from '../support/cli.ts';
import { recording, samplesCsv } from '../support/recording.ts';
import { tempDir } from '../support/tmp.ts';

const MIN = 60_000;
const S = Date.UTC(2026, 2, 2, 8, 0, 0);
const START = path.resolve('electron/cli/start.mjs');
const gates = [{ id: 'errors', kind: 'relative' as const, metric: 'error_rate' as const, op: 'lte' as const, factor: 1.25, segments: ['region' as const], minSamples: 500 }];
const plan = Plan.parse({ name: 'p', target: 'service', stages: [{ label: '1%', exposure: 1, minSoak: '10m', gates }, { label: 'all', exposure: 100 }] });

function files(hours: number): { dir: string; args: string[] } {
  const dir = tempDir();
  const rows = recording({ start: S, durationMs: hours * 60 * MIN, tickMs: MIN, metrics: ['error_rate'] });
  return {
    dir,
    args: ['backtest', '--plan', write(dir, 'plan.yaml', planToYaml(plan)), '--samples', write(dir, 'samples.csv', samplesCsv(rows)), '--schedule', write(dir, 'schedule.csv', `t,stage\n${S},0\n`), '--json'],
  };
}

/** Resolves once `check` holds, looking again on each turn of a 20 ms timer (bounded by the test's timeout). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the CLI ended from outside', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('a backtest sent %s exits %i, says so, and leaves no temporary database behind', async (signal, code) => {
    // Six hours looked at every second: tens of seconds of looks, ended within the first.
    const { args } = files(6);
    const tmp = tempDir();
    const child = spawn(process.execPath, [START, ...args, '--look-every', '1s'], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      // The scratch database exists: its looks have begun.
      const scratch = () => fs.readdirSync(tmp).filter((f) => f.startsWith('stagegate-backtest-'));
      await until(() => scratch().some((d) => fs.existsSync(path.join(tmp, d, 'stagegate.sqlite'))));
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(err).toContain(`backtest: interrupted by ${signal}; nothing was printed, and its temporary database is removed`);
      expect(out).toBe('');
      expect(scratch()).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('an ingest sent SIGINT stops between its batches, says how many rows were stored, and the same file sent again stores the rest once', async () => {
    const { dir, releaseId } = await dataDirWithRelease();
    // Three batches' worth of rows.
    const rows = recording({ start: S, durationMs: Math.ceil((2.5 * MAX_INGEST_ROWS) / 6) * MIN, tickMs: MIN, metrics: ['error_rate'] });
    expect(rows.length).toBeGreaterThan(2 * MAX_INGEST_ROWS);
    const file = write(tempDir(), 'samples.csv', samplesCsv(rows));
    const stored = (): number => {
      const db = openDatabase(dir);
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const child = spawn(process.execPath, [START, 'ingest', file, '--release', releaseId, '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      await until(() => stored() > 0);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      const kept = stored();
      // Whole calls, each cut where the time changes.
      expect(batchEnds(rows.map((r) => r.t).sort((a, b) => a - b), MAX_INGEST_ROWS)).toContain(kept);
      expect(kept).toBeLessThan(rows.length);
      expect(err).toContain(`ingest: interrupted by SIGINT after ${kept.toLocaleString('en')} of ${rows.length.toLocaleString('en')} rows were stored; run it again to store the rest`);
    } finally {
      child.kill('SIGKILL');
    }
    expect((await cli('ingest', file, '--release', releaseId, '--data-dir', dir)).code).toBe(0);
    expect(stored()).toBe(rows.length);
  }, 60_000);

  it('exits 1 and says why when the result cannot be written, rather than 0 with a cut-off file', () => {
    const { args } = files(1);
    const full = fs.openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [START, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(run.stderr).toContain('cannot write the result to standard output: ENOSPC');
      expect(run.status).toBe(1);
    } finally {
      fs.closeSync(full);
    }
  });

  it('exits 0 when its reader closes the pipe early, as `| head` does', () => {
    // Six hours of looks: a result of megabytes, far past what a pipe holds before its reader reads.
    const { args } = files(6);
    const run = spawnSync('/bin/bash', ['-c', `"${process.execPath}" "${START}" ${args.map((a) => `"${a}"`).join(' ')} | head -c 10 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(run.stderr).not.toContain('cannot write');
    expect(run.stdout.trim()).toBe('0');
  });
});
