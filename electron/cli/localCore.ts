import fs from 'node:fs';
import path from 'node:path';
import type { AppError, Input, MethodName, Output, Result } from '../../shared/index.ts';
import { createCore } from '../core/core.ts';
import type { Caller } from '../core/dispatch.ts';
import { osUser } from '../core/osUser.ts';
import { DB_FILE, resolveDataDir } from '../core/paths.ts';
import { packageVersion } from '../core/version.ts';
import type { CliIo, ExitCode } from './io.ts';

/** The person at this terminal, an operator like the desktop user; the actor says the change came through the CLI. */
export function cliCaller(): Caller {
  return { actor: `cli:${osUser()}`, role: 'operator' };
}

/** One contract method called on the command's core, typed like the renderer's client. */
export type CliCall = <M extends MethodName>(method: M, input: Input<M>) => Promise<Result<Output<M>>>;

export interface LocalCore {
  dataDir: string;
  call: CliCall;
}

export interface LocalCoreOptions {
  /** Take part in the background lease, so the guard looks at what the command stored (ingest) when no host runs. */
  background?: boolean;
}

/**
 * A core on the data folder for one command, called through the contract as the local operator,
 * like the desktop and web hosts call it; closed when the command is done, whatever it ends with.
 * No demo seed, simulator or metric polling: a command never adds data of its own.
 */
export async function withLocalCore<T>(dir: string | undefined, io: CliIo, options: LocalCoreOptions, use: (core: LocalCore) => Promise<T>): Promise<T> {
  const core = createCore({
    dataDir: resolveDataDir(dir),
    version: packageVersion(),
    demo: false,
    simulateEveryMs: 0,
    pollEveryMs: 0,
    background: options.background ?? false,
    hostLabel: 'command line',
    log: (message, error) => io.err(error instanceof Error ? `${message}: ${error.message}` : message),
  });
  const caller = cliCaller();
  // The dispatch validated the input and the handler's type is the contract's: the value is that method's output.
  const call: CliCall = async (method, input) => (await core.invoke(method, input, caller)) as Result<Output<typeof method>>;
  try {
    return await use({ dataDir: core.dataDir, call });
  } finally {
    core.close();
  }
}

/** A refusal of the core, said as the core said it: the command could not be done. */
export function refused(io: CliIo, error: AppError): ExitCode {
  io.err(error.message);
  return 1;
}

/**
 * The data folder a command that needs an existing log would use, or the log file it lacks: a
 * mistyped --data-dir made a fresh, empty log there before the command found nothing in it.
 */
export function existingLog(dir: string | undefined): { dataDir: string } | { missing: string } {
  const dataDir = resolveDataDir(dir);
  const file = path.join(dataDir, DB_FILE);
  return fs.existsSync(file) ? { dataDir } : { missing: file };
}
