import type { Command } from 'commander';
import { formatDuration, type BacktestResult, type Plan } from '../../../shared/index.ts';
import { LOOK_EVERY_MS, MAX_LOOKS, runBacktest, scheduleChanges, type BacktestProgress } from '../../core/backtest/index.ts';
import { parseDurationMs } from '../csv/fields.ts';
import { readSamples } from '../csv/samples.ts';
import { readSchedule } from '../csv/schedule.ts';
import { FileProblems } from '../csv/table.ts';
import { interruption } from '../interrupt.ts';
import { iso, recordingNotes } from './backtestNotes.ts';
import { readText, type CliIo, type ExitCode } from '../io.ts';
import { readGatedPlan } from '../planFile.ts';

const FORMATS = `
Files:
  PLAN.yaml      a plan as the plan editor writes it (name, target, stages with gates);
                 ("plan default --target play" prints the default Play plan)
  SAMPLES.csv    header t,cohort,metric,value,weight,region,device,tenant
                 t: ISO 8601 with its zone (2026-03-02T08:00:00Z, 2026-03-02 08:00:00+00) or epoch
                 milliseconds (not seconds), from 2000 on
                 cohort: canary or baseline; metric: one of the plan's gate metrics
                 (rows of other metrics Stagegate knows are left out unread, and counted);
                 header names, cohorts and metrics in any case
                 value: a number (rates in percent, 0 to 100: 99.5 for 99.5 % crash-free), or empty / NaN /
                 null (any case) when missing; weight: requests, sessions or users (>= 0;
                 empty beside a missing value: 0)
                 region, device, tenant: empty on a total row; a labelled row is one cell (at most
                 128 characters a label, in the case written)
                 other columns are left out (named on stderr); one that misspells a label
                 column the header lacks (regoin) is an error
  SCHEDULE.csv   header t,stage: from t on, the plan stage with that 0-based index was in force
                 (1 or 1.0); a row naming the stage already in force changes nothing
  A file may have 128 MiB at most.

The guard looks every DURATION (default 1m) after the schedule's first time, up to the last sample.
It judges whole minutes, counted from the schedule's first time: rows finer than a minute are pooled
into the minute they end in, and a minute is judged at the first look at or after its end (a stage
that ends takes its rows up to the change). A total row whose value is missing (empty, NaN, null)
is not a total for its time and cohort: that total is pooled from the cells, as where there is no
total row. The schedule is followed whatever the guard decides.
--json prints { looks: [{ t, stage, gates: [{ id, outcome, segments: [{ labels, outcome }] }] }],
decisions: [{ t, stage, exposure, action, gate, segment, reason }], firstStop: { t, stage, exposure, action } | null }.`;

function summary(plan: Plan, result: BacktestResult): string[] {
  const label = (stage: number) => `stage ${stage} (${plan.stages[stage]?.label ?? '?'})`;
  const lines = [`${result.looks.length} looks${result.looks.length ? ` from ${iso(result.looks[0]!.t)} to ${iso(result.looks.at(-1)!.t)}` : ''}; ${result.decisions.length} decisions:`];
  for (const d of result.decisions) {
    const cause = d.gate ? ` (gate ${d.gate}${d.segment ? `, ${Object.entries(d.segment).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''})` : '';
    lines.push(`  ${iso(d.t)}  ${label(d.stage)} at ${d.exposure}%  ${d.action}${cause}: ${d.reason}`);
  }
  const stop = result.firstStop;
  lines.push(stop ? `First stop: ${stop.action} at ${iso(stop.t)} in ${label(stop.stage)} at ${stop.exposure}%.` : 'No stop.');
  return lines;
}

/**
 * Why no look would fall within the recording (`span`: from the schedule's first time
 * to the last row), or null. A bare number is seconds, as plans write durations: 60000 meant as
 * milliseconds is 16h40m, and a backtest of no look at all would print an empty result and exit 0.
 */
function lookProblem(text: string | undefined, every: number, span: number): string | null {
  const option = text === undefined ? `--look-every's default of ${formatDuration(every / 1000)}` : `--look-every ${text}`;
  const read = text !== undefined && /^\d+$/.test(text) ? ` is read as ${formatDuration(every / 1000)} (a number is seconds) and` : '';
  const recording = `the recording (${formatDuration(Math.floor(span / 1000))} from the schedule's first time to the last row)`;
  if (every > span) return `${option}${read} is longer than ${recording}: no look falls within it; ${read ? 'write a unit (60s, 1m)' : 'look more often'}`;
  return null;
}

/** The looks taken, every hundredth of them: a counter, so the same recording always shows the same lines. */
function progressLine(io: CliIo): ((p: BacktestProgress) => void) | undefined {
  const show = io.progress;
  if (!show) return undefined;
  let shown = -1;
  return ({ looked, looks }) => {
    const percent = Math.floor((100 * looked) / Math.max(1, looks));
    if (percent === shown) return;
    shown = percent;
    show(`backtest: ${looked.toLocaleString('en')} of ${looks.toLocaleString('en')} looks (${percent} %)`);
  };
}

/** `backtest`: the real guard replayed over a recording, in a temporary database. */
export function backtestCommand(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  program
    .command('backtest')
    .description('replay the guard over recorded samples on a virtual clock, following a stage schedule')
    .requiredOption('--plan <file>', 'PLAN.yaml')
    .requiredOption('--samples <file>', 'SAMPLES.csv')
    .requiredOption('--schedule <file>', 'SCHEDULE.csv')
    .option('--look-every <duration>', 'how often the guard looks, as plans write durations (30s, 1m, 1h)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', FORMATS)
    .action(async (o: { plan: string; samples: string; schedule: string; lookEvery?: string; json?: boolean }) => {
      let lookEveryMs: number | undefined;
      if (o.lookEvery !== undefined) {
        const parsed = parseDurationMs(o.lookEvery);
        if (!parsed.ok || parsed.value < 1000) {
          io.err(`--look-every: ${parsed.ok ? 'looks must be at least 1s apart' : parsed.message}`);
          return done(2);
        }
        lookEveryMs = parsed.value;
      }
      const { plan, gated } = readGatedPlan(o.plan, 'backtest');
      const note = (message: string): void => io.err(message);
      const { rows, lines, skipped } = readSamples(o.samples, readText(o.samples), gated, note);
      for (const [metric, count] of Object.entries(skipped)) io.err(`${o.samples}: ${count} ${count === 1 ? 'row' : 'rows'} of ${metric} left out: the plan gates no ${metric}`);
      const schedule = readSchedule(o.schedule, readText(o.schedule), plan.stages.length, note);
      const start = schedule[0]!.t;
      const early = rows.filter((r) => r.t <= start).length;
      if (early > 0) io.err(`${o.samples}: ${early} ${early === 1 ? 'row ends' : 'rows end'} at or before the schedule's first time (${iso(start)}) and ${early === 1 ? 'is' : 'are'} left out: the rollout had not begun`);
      const latest = rows.reduce((m, r, i) => (r.t > rows[m]!.t ? i : m), 0);
      const span = (rows[latest]?.t ?? Number.NEGATIVE_INFINITY) - start;
      if (!(span > 0)) throw new FileProblems([`${o.samples}: no row ends after the schedule's first time (${iso(start)}), so no look falls within the recording`]);
      const every = lookEveryMs ?? LOOK_EVERY_MS;
      const unfit = lookProblem(o.lookEvery, every, span);
      if (unfit) {
        io.err(unfit);
        return done(2);
      }
      if (span / every > MAX_LOOKS) {
        // Most often one mistyped time; the engine's own refusal named only --look-every.
        throw new FileProblems([
          `${o.samples}: line ${lines[latest]}: its time (${iso(rows[latest]!.t)}) is ${formatDuration(Math.floor(span / 1000))} after the schedule's first time: ${Math.floor(span / every).toLocaleString('en')} looks ${formatDuration(every / 1000)} apart, more than the ${MAX_LOOKS.toLocaleString('en')} a backtest takes; check that row's time, or look less often (--look-every)`,
        ]);
      }
      const judged = rows.flatMap((r, i) => (r.t > start ? [i] : []));
      for (const message of recordingNotes({ samplesFile: o.samples, scheduleFile: o.schedule, plan, rows: judged.map((i) => rows[i]!), lines: judged.map((i) => lines[i]!), schedule: scheduleChanges(schedule), every })) io.err(message);
      const interrupt = interruption();
      let result: BacktestResult;
      try {
        result = await runBacktest({ plan, samples: rows, schedule, lookEveryMs }, { onProgress: progressLine(io), signal: interrupt.signal });
      } catch (error) {
        const code = interrupt.exitCode();
        if (code === null) throw error;
        io.progress?.(null);
        io.err(`backtest: interrupted by ${interrupt.received()}; nothing was printed, and its temporary database is removed`);
        return done(code);
      } finally {
        interrupt.dispose();
      }
      io.progress?.(null);
      io.out(o.json ? JSON.stringify(result, null, 2) : summary(plan, result).join('\n'));
      done(0);
    });
}
