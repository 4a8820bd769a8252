import { Command, CommanderError } from 'commander';
import { BacktestInputError } from '../core/backtest/index.ts';
import { adminCommands } from './commands/admin.ts';
import { backtestCommand } from './commands/backtest.ts';
import { ingestCommand } from './commands/ingest.ts';
import { planCommands } from './commands/plan.ts';
import { FileProblems } from './csv/table.ts';
import { consoleIo, outputFailure, type CliIo, type ExitCode } from './io.ts';

function program(io: CliIo, done: (code: ExitCode) => void): Command {
  const cli = new Command('npm run cli --')
    .description('Stagegate on the command line: tokens, the event log, samples and backtests, over the same core as the console.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(npm run cli -- --help lists the commands; <command> --help shows one)')
    .configureHelp({ showGlobalOptions: true })
    // Before or after the command, as with every command that reads the log.
    .option('--data-dir <dir>', 'the data folder (default: STAGEGATE_DATA_DIR, else the per-user folder the desktop app uses)');
  const dataDir = () => cli.opts<{ dataDir?: string }>().dataDir;
  adminCommands(cli, io, done, dataDir);
  ingestCommand(cli, io, done, dataDir);
  backtestCommand(cli, io, done);
  planCommands(cli, io, done);
  return cli;
}

/**
 * `--json` written before the command (`--json backtest …`) moved after it: each command that prints
 * JSON has it as its own option, and before the command it was refused as unknown, while --data-dir
 * is taken in either place.
 */
function jsonAfterCommand(cli: Command, argv: readonly string[]): string[] {
  const names = new Set(cli.commands.map((c) => c.name()));
  const at = argv.findIndex((arg) => names.has(arg));
  if (at < 0) return [...argv];
  const before = argv.slice(0, at);
  if (!before.includes('--json')) return [...argv];
  return [...before.filter((arg) => arg !== '--json'), ...argv.slice(at), '--json'];
}

/** Runs one command line; resolves to its exit code (0 done, 1 could not be done, 2 usage, 3 a check failed). */
export async function run(argv: string[], io: CliIo = consoleIo): Promise<number> {
  let code: ExitCode = 0;
  try {
    const cli = program(io, (c) => (code = c));
    await cli.parseAsync(jsonAfterCommand(cli, argv), { from: 'user' });
    return outputFailure() ? 1 : code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof FileProblems) {
      for (const problem of error.problems) io.err(problem);
      return 1;
    }
    if (error instanceof BacktestInputError) {
      // The engine names its own inputs; the command line's person wrote an option, not a field.
      for (const issue of error.issues) io.err(`${issue.path === 'lookEveryMs' ? '--look-every' : issue.path}: ${issue.message}`);
      return 1;
    }
    throw error;
  }
}
