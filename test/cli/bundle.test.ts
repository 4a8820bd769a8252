// The command line's bundle (build/vite.cli.config.ts), which npm run cli loads while it is fresh.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledRun, isFresh, nodeProblem, type CliManifest } from '../../electron/cli/bundle.mjs';
import { Plan, planToYaml } from '../../shared/index.ts';
import { scenarioToCsv } from '../../shared/sim/scenarios/index.ts';
import { cli, write } from '../support/cli.ts';
import { recording } from '../support/recording.ts';
import { tempDir } from '../support/tmp.ts';

const MIN = 60_000;
const S = Date.UTC(2026, 2, 2, 8, 0, 0);
// Inside the repository, as the real one is: the packages the bundle leaves out resolve from there.
const dir = path.resolve('node_modules/.cache/stagegate', `cli-test-${process.pid}`);

describe('the CLI bundle', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('backtests exactly as the sources do, and is used only while every file it was built from is unchanged', async () => {
    const built = spawnSync('npx', ['vite', 'build', '--config', 'build/vite.cli.config.ts', '--logLevel', 'warn'], { env: { ...process.env, STAGEGATE_CLI_BUNDLE_DIR: dir }, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as CliManifest;
    expect(manifest.inputs.map((i) => path.relative(process.cwd(), i.file))).toEqual(expect.arrayContaining(['electron/cli/main.ts', 'electron/core/rollout/evaluation.ts', 'shared/evidence/folds.ts']));
    const run = await bundledRun(dir);
    expect(run).not.toBeNull();

    const files = tempDir();
    const gates = [{ id: 'errors', kind: 'relative' as const, metric: 'error_rate' as const, op: 'lte' as const, factor: 1.25, segments: ['region' as const], minSamples: 500 }];
    const plan = Plan.parse({ name: 'p', target: 'service', stages: [{ label: '5%', exposure: 5, minSoak: '10m', minSamples: 500, promotion: 'automatic', onFailure: 'rollback', gates }, { label: 'all', exposure: 100 }] });
    const rows = recording({ start: S, durationMs: 60 * MIN, tickMs: 30_000, metrics: ['error_rate'], canaryFactor: (_m, region, t) => (region === 'eu-west' && t > S + 35 * MIN ? 20 : 1) });
    const csv = scenarioToCsv({ plan, rows, schedule: [{ t: S, stage: 0 }] });
    const argv = ['backtest', '--plan', write(files, 'plan.yaml', planToYaml(plan)), '--samples', write(files, 'samples.csv', csv.samplesCsv), '--schedule', write(files, 'schedule.csv', csv.scheduleCsv), '--json'];
    const out: string[] = [];
    const err: string[] = [];
    const code = await run!(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    const fromSources = await cli(...argv);
    expect(fromSources.code).toBe(0);
    expect(JSON.parse(fromSources.out).firstStop).toMatchObject({ stage: 0, action: 'rollback' });
    expect({ code, out: out.join('\n'), err: err.join('\n') }).toEqual(fromSources);

    // One input changed since the build (its size, or only its time): the sources run instead.
    const bigger = { inputs: manifest.inputs.map((i, k) => (k === 0 ? { ...i, size: i.size + 1 } : i)) };
    const touched = { inputs: manifest.inputs.map((i, k) => (k === manifest.inputs.length - 1 ? { ...i, mtimeMs: i.mtimeMs - 1000 } : i)) };
    expect(isFresh(manifest)).toBe(true);
    expect(isFresh(bigger)).toBe(false);
    expect(isFresh(touched)).toBe(false);
    expect(isFresh({ inputs: [...manifest.inputs, { file: path.join(files, 'gone.ts'), size: 1, mtimeMs: 1 }] })).toBe(false);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(touched));
    expect(await bundledRun(dir)).toBeNull();
    fs.rmSync(path.join(dir, 'manifest.json'));
    expect(await bundledRun(dir)).toBeNull();
  }, 120_000);
});

describe('the entry on a Node too old for it', () => {
  it('names the Node it needs and how to get it, where it would crash loading better-sqlite3', () => {
    expect(nodeProblem('20.20.2')).toMatch(/needs Node 22\.12 or later, and this is Node 20\.20\.2: run it as npm run cli/);
    expect(nodeProblem('22.11.0')).toMatch(/this is Node 22\.11\.0/);
    for (const fine of ['22.12.0', '22.20.1', '23.0.0', '24.22.3']) expect(nodeProblem(fine)).toBeNull();
  });

  // The machine's own Node, when it is older (Debian's 20 here): the entry must refuse it before loading anything.
  const machine = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
  const old = machine.status === 0 && nodeProblem(machine.stdout.trim().replace(/^v/, '')) !== null;
  it.skipIf(!old)('exits 1 with that message on the machine\'s own older Node (/usr/bin/node; skipped where it is 22.12 or later)', () => {
    const run = spawnSync('/usr/bin/node', [path.resolve('electron/cli/start.mjs'), 'verify', '--data-dir', tempDir()], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stagegate: needs Node 22.12 or later');
  });
});
