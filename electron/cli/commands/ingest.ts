import type { Command } from 'commander';
import { IngestInput, MAX_INGEST_ROWS, type AppError, type IngestOutput, type Input } from '../../../shared/index.ts';
import { readSamples, type SampleRows } from '../csv/samples.ts';
import { FileProblems } from '../csv/table.ts';
import { readText, type CliIo, type ExitCode } from '../io.ts';
import { interruption } from '../interrupt.ts';
import { existingLog, withLocalCore } from '../localCore.ts';

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

function batches(file: string, rows: SampleRows, releaseId: string): { input: Input<'ingestSamples'>; offset: number }[] {
  const out: { input: Input<'ingestSamples'>; offset: number }[] = [];
  for (let offset = 0; offset < rows.rows.length; offset += MAX_INGEST_ROWS) {
    const input = { samples: rows.rows.slice(offset, offset + MAX_INGEST_ROWS).map((r) => ({ releaseId, ...r })) };
    // Every batch is checked before the first is sent, so a bad file writes nothing.
    const checked = IngestInput.safeParse(input);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      throw refused(file, { code: 'invalid_input', message: 'invalid samples', issues }, rows.lines, offset);
    }
    out.push({ input, offset });
  }
  return out;
}

/** `ingest FILE.csv --release ID`: samples into the log through the core's contract, as an operator. */
export function ingestCommand(program: Command, io: CliIo, done: (code: ExitCode) => void, dataDir: () => string | undefined): void {
  program
    .command('ingest')
    .description('store canary and baseline samples from a CSV file (the backtest\'s SAMPLES.csv format) for one release; the guard then looks')
    .argument('<file>', 'CSV with the header t,cohort,metric,value,weight,region,device,tenant')
    .requiredOption('--release <id>', 'the release the samples are for')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { release: string; json?: boolean }) => {
      const rows = readSamples(file, readText(file), undefined, (message) => io.err(message));
      const sends = batches(file, rows, o.release);
      const log = existingLog(dataDir());
      if ('missing' in log) throw new FileProblems([`No Stagegate log at ${log.missing}; nothing was stored: is --data-dir right?`]);
      const interrupt = interruption();
      let code: ExitCode = 0;
      // With the background lease when no host holds it, so the guard looks at the samples as they are stored.
      await withLocalCore(log.dataDir, io, { background: true }, async ({ dataDir: dir, call }) => {
        const total: IngestOutput = { accepted: 0, missing: 0, releases: [] };
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
            if (result.error.code === 'not_found') throw new FileProblems([`No release "${o.release}" in ${dir}; nothing was stored.`]);
            throw refused(file, result.error, rows.lines, offset);
          }
          total.accepted += result.value.accepted;
          total.missing += result.value.missing;
          total.releases = [...new Set([...total.releases, ...result.value.releases])];
        }
        io.out(o.json ? JSON.stringify(total, null, 2) : `Stored ${total.accepted} samples for ${o.release} (${total.missing} missing values).`);
      }).finally(() => interrupt.dispose());
      done(code);
    });
}
