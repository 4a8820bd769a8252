// The backtest over a 4-hour recording: the real guard replayed at a look a minute in a temporary
// database. Target: under 1 s.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleIsFresh } from '../electron/cli/bundle.mjs';
import { runBacktest } from '../electron/core/backtest/index.ts';
import { defaultPlan } from '../shared/index.ts';
import { scenarioToCsv } from '../shared/sim/scenarios/index.ts';
import { recording } from '../test/support/recording.ts';
import { median } from './median.ts';

const HOUR = 60 * 60 * 1000;

/** Five timed backtests after one to warm up: median wall and CPU milliseconds, and the last result. */
async function timed(input: Parameters<typeof runBacktest>[0]): Promise<{ wall: number; cpu: number; result: Awaited<ReturnType<typeof runBacktest>> }> {
  const times: number[] = [];
  const cpu: number[] = [];
  let result = await runBacktest(input);
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    result = await runBacktest(input);
    const used = process.cpuUsage(cpuBefore);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(times), cpu: median(cpu), result };
}

export async function benchBacktest(): Promise<void> {
  const start = Date.UTC(2026, 2, 2, 8, 0, 0);
  const schedule = [0, 1, 2, 3].map((stage) => ({ t: start + stage * HOUR, stage }));
  const plan = defaultPlan('service');
  // The service plan's three gate metrics, canary and baseline, three regions and a total row, every 18 s:
  // 19,200 rows. From 2 h 30 m on, p95 latency in eu-west is 1.5 times the baseline's.
  const samples = recording({
    start,
    durationMs: 4 * HOUR,
    tickMs: 18_000,
    metrics: ['error_rate', 'p95_latency_ms', 'kpi_conversion'],
    totals: true,
    canaryFactor: (metric, region, t) => (metric === 'p95_latency_ms' && region === 'eu-west' && t >= start + 2.5 * HOUR ? 1.5 : 1),
  });
  const service = await timed({ plan, samples, schedule });
  const cli = commandLine({ plan, rows: samples, schedule });
  console.log(`backtest of a 4-hour recording (${samples.length.toLocaleString('en')} rows, ${service.result.looks.length} looks a minute apart, ${plan.stages[0]!.gates.length} gates per stage), median of 5:`);
  // CPU time beside wall time: on a machine shared with other work, the wall clock says more about the neighbours.
  console.log(`  ${service.wall.toFixed(0)} ms wall, ${service.cpu.toFixed(0)} ms CPU (target < 1000 ms)`);
  console.log(
    `  through the command line, a process of its own each time (npm run cli -- backtest … --json: its start, the CSV, the engine; ${bundleIsFresh() ? 'from its bundle' : 'from the sources, its bundle being stale: npm run build:cli'}): ${cli.warm.toFixed(0)} ms, median of 5 (target < 1000 ms); the first run after an install, with Node's compile cache empty: ${cli.cold.toFixed(0)} ms`,
  );
  console.log(`  ${service.result.decisions.length} decisions, first stop: ${service.result.firstStop ? `${service.result.firstStop.action} in stage ${service.result.firstStop.stage}` : 'none'}`);
  // The Play plan judges every gate by region and by device: more segments per look, from cells; a row
  // of each cell every 39 s makes it ≈ 20,000 rows too.
  const play = defaultPlan('play');
  const cells = recording({ start, durationMs: 4 * HOUR, tickMs: 39_000, metrics: ['crash_free_users', 'error_rate', 'kpi_conversion'], devices: ['phone', 'tablet', 'tv'] });
  const mobile = await timed({ plan: play, samples: cells, schedule });
  console.log(`  the default Play plan on 3 regions × 3 devices every 39 s (${cells.length.toLocaleString('en')} rows, gates by region and by device): ${mobile.wall.toFixed(0)} ms wall, ${mobile.cpu.toFixed(0)} ms CPU (target < 1000 ms)`);
  const mobileCli = commandLine({ plan: play, rows: cells, schedule });
  console.log(`    the same through the command line: ${mobileCli.warm.toFixed(0)} ms, median of 5 (target < 1000 ms); first run, compile cache empty: ${mobileCli.cold.toFixed(0)} ms`);
}

/**
 * The backtest as a person runs it: `node electron/cli/start.mjs backtest` (what `npm run cli` starts,
 * without npm's own start) on the recording written as files, a fresh process each time, its output
 * checked against the engine's. The first run fills a compile cache of its own; the next five use it.
 */
function commandLine(recording: Parameters<typeof scenarioToCsv>[0]): { cold: number; warm: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-cli-'));
  try {
    const files = scenarioToCsv(recording);
    const write = (name: string, text: string): string => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    const args = ['electron/cli/start.mjs', 'backtest', '--plan', write('plan.yaml', files.planYaml), '--samples', write('samples.csv', files.samplesCsv), '--schedule', write('schedule.csv', files.scheduleCsv), '--json'];
    const env = { ...process.env, NODE_COMPILE_CACHE: path.join(dir, 'compile-cache') };
    const once = (): number => {
      const started = performance.now();
      const run = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const ms = performance.now() - started;
      if (run.status !== 0) throw new Error(`the CLI backtest exited ${run.status}: ${run.stderr.slice(0, 500)}`);
      return ms;
    };
    const cold = once();
    return { cold, warm: median(Array.from({ length: 5 }, once)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
