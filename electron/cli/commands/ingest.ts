import type { Command } from 'commander';
import { FED_STATUSES, IngestInput, isConnectionSource, MAX_INGEST_ROWS, type AppError, type IngestOutput, type Input } from '../../../shared/index.ts';
import { readSamples, type SampleRows } from '../csv/samples.ts';
import { FileProblems } from '../csv/table.ts';
import { readText, type CliIo, type ExitCode } from '../io.ts';
import { interruption } from '../interrupt.ts';
import { existingLog, withLocalCore, type LocalCore } from '../localCore.ts';

/** A refusal of the core, its rows named by the file's lines. */
function refused(file: string, error: AppError, lines: readonly number[], offset: number): FileProblems {
  const named = (error.issues ?? []).map((issue) => {
    const m = /^samples\.(\d+)\.?(\w*)/.exec(issue.path);
    if (!m) return `${file}: ${issue.message}`;
    const line = lines[offset + Number(m[1])];
    const column = m[2] && m[2] !== 'releaseId' ? `, column "${m[2]}"` : '';
    return `${file}: line ${line}${column}: ${issue.message}`;
  });
  return new FileProblems(named.length ? named : [`${file}: ${error.message}`]);
}

/**
 * Where calls of sorted times end: at most `max` rows each, cut where the time changes, so one time's
 * rows go in one call (unless a single time has more than `max`). The guard judges a time once every
 * cohort has reported it; a call that ended inside a time would have it judged without the rest.
 */
export function batchEnds(times: readonly number[], max: number): number[] {
  const ends: number[] = [];
  let start = 0;
  while (start < times.length) {
    let end = Math.min(start + max, times.length);
    if (end < times.length) {
      let cut = end;
      while (cut > start && times[cut - 1] === times[cut]) cut -= 1;
      if (cut > start) end = cut;
    }
    ends.push(end);
    start = end;
  }
  return ends;
}

/**
 * The file's rows in calls, in time order: a file written cohort after cohort (every canary row,
 * then every baseline row) is sent as times, each with both. The sort is stable, so between rows
 * for one series and time the file's order still decides.
 */
function batches(file: string, rows: SampleRows, releaseId: string): { sends: { input: Input<'ingestSamples'>; offset: number }[]; lines: number[] } {
  const order = rows.rows.map((_, i) => i).sort((a, b) => rows.rows[a]!.t - rows.rows[b]!.t || a - b);
  const sorted = order.map((i) => rows.rows[i]!);
  const lines = order.map((i) => rows.lines[i]!);
  const out: { input: Input<'ingestSamples'>; offset: number }[] = [];
  let offset = 0;
  for (const end of batchEnds(sorted.map((r) => r.t), MAX_INGEST_ROWS)) {
    const input = { samples: sorted.slice(offset, end).map((r) => ({ releaseId, ...r })) };
    // Every batch is checked before the first is sent, so a bad file writes nothing.
    const checked = IngestInput.safeParse(input);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      throw refused(file, { code: 'invalid_input', message: 'invalid samples', issues }, lines, offset);
    }
    out.push({ input, offset });
    offset = end;
  }
  return { sends: out, lines };
}

/** Releases a list names by id and name, at most ten. */
const named = (releases: readonly { id: string; name: string }[]): string =>
  releases.slice(0, 10).map((r) => `${r.id} (${r.name})`).join(', ') + (releases.length > 10 ? `, and ${releases.length - 10} more` : '');

/**
 * The release the samples are for: --release, or else the one release of the log that is live and
 * takes pushed samples (the spec's `ingest FILE.csv`). With none or several, the user is told which.
 */
async function releaseFor(given: string | undefined, { call, dataDir }: LocalCore, io: CliIo): Promise<string> {
  if (given !== undefined) return given;
  const listed = await call('listReleases', {});
  if (!listed.ok) throw new FileProblems([`Could not list the releases in ${dataDir}: ${listed.error.message}`]);
  const pushed = listed.value.filter((r) => FED_STATUSES.has(r.status) && !isConnectionSource(r.source));
  if (pushed.length === 1) {
    io.err(`ingest: for ${named(pushed)}, the one live release in ${dataDir} that takes pushed samples`);
    return pushed[0]!.id;
  }
  if (pushed.length === 0) throw new FileProblems([`No live release in ${dataDir} takes pushed samples; nothing was stored. Name one with --release ID.`]);
  throw new FileProblems([`${pushed.length} live releases in ${dataDir} take pushed samples: ${named(pushed)}; nothing was stored. Name one with --release ID.`]);
}

/** Rows of metrics no gate of the release's plan judges: stored and charted, but a person sending them likely meant them judged. */
async function ungatedNote(releaseId: string, rows: SampleRows, call: LocalCore['call']): Promise<string | null> {
  const detail = await call('getRelease', { releaseId });
  if (!detail.ok) return null;
  const gated = new Set(detail.value.stages.flatMap((stage) => stage.gates.map((g) => g.metric)));
  const counts = new Map<string, number>();
  for (const row of rows.rows) if (!gated.has(row.metric)) counts.set(row.metric, (counts.get(row.metric) ?? 0) + 1);
  if (counts.size === 0) return null;
  const listed = [...counts].map(([metric, n]) => `${metric} (${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'})`).join(', ');
  return `ingest: no gate of ${releaseId}'s plan judges ${listed}: stored and charted, not judged`;
}

/** `ingest FILE.csv [--release ID]`: samples into the log through the core's contract, as an operator. */
export function ingestCommand(program: Command, io: CliIo, done: (code: ExitCode) => void, dataDir: () => string | undefined): void {
  program
    .command('ingest')
    .description('store canary and baseline samples from a CSV file (the backtest\'s SAMPLES.csv format) for one release; the guard then looks')
    .argument('<file>', 'CSV with the header t,cohort,metric,value,weight,region,device,tenant')
    .option('--release <id>', 'the release the samples are for (default: the one live release that takes pushed samples)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { release?: string; json?: boolean }) => {
      const rows = readSamples(file, readText(file), undefined, (message) => io.err(message));
      const log = existingLog(dataDir());
      if ('missing' in log) throw new FileProblems([`No Stagegate log at ${log.missing}; nothing was stored: is --data-dir right?`]);
      const interrupt = interruption();
      let code: ExitCode = 0;
      // With the background lease when no host holds it, so the guard looks at the samples as they are stored.
      await withLocalCore(log.dataDir, io, { background: true }, async (core) => {
        const { dataDir: dir, call } = core;
        const releaseId = await releaseFor(o.release, core, io);
        const { sends, lines } = batches(file, rows, releaseId);
        const total: IngestOutput = { accepted: 0, repeated: 0, missing: 0, late: 0, backfilled: 0, releases: [] };
        for (const { input, offset } of sends) {
          // A turn of the event loop, where a signal's handler runs: the calls alone resolve without one.
          await new Promise((resolve) => setImmediate(resolve));
          const stopped = interrupt.exitCode();
          if (stopped !== null) {
            // Each call is its own transaction: what was sent is whole, and sending the file again replaces it.
            io.err(`ingest: interrupted by ${interrupt.received()} after ${offset.toLocaleString('en')} of ${rows.rows.length.toLocaleString('en')} rows were stored; run it again to store the rest (rows already stored are replaced, not counted twice)`);
            code = stopped;
            return;
          }
          const result = await call('ingestSamples', input);
          if (!result.ok) {
            if (result.error.code === 'not_found') throw new FileProblems([`No release "${releaseId}" in ${dir}; nothing was stored.`]);
            throw refused(file, result.error, lines, offset);
          }
          total.accepted += result.value.accepted;
          total.repeated += result.value.repeated;
          total.missing += result.value.missing;
          total.late += result.value.late;
          total.backfilled += result.value.backfilled;
          total.releases = [...new Set([...total.releases, ...result.value.releases])];
        }
        const ungated = await ungatedNote(releaseId, rows, call);
        if (ungated) io.err(ungated);
        if (total.late > 0) {
          io.err(
            `ingest: ${total.late.toLocaleString('en')} of the rows repeat or correct rows the guard had already judged, or are from before the stage in force began: they are stored and charted, not judged`,
          );
        }
        const repeated = total.repeated ? `; ${total.repeated} ${total.repeated === 1 ? 'row was' : 'rows were'} replaced by a later row of the file for the same series and time` : '';
        io.out(o.json ? JSON.stringify(total, null, 2) : `Stored ${total.accepted} samples for ${releaseId} (${total.missing} missing values${repeated}).`);
      }).finally(() => interrupt.dispose());
      done(code);
    });
}
