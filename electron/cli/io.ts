import fs from 'node:fs';
import { FileProblems } from './csv/table.ts';

/** Where the CLI writes: results to `out`, problems to `err`. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A line of progress that the next one replaces; null clears it. Absent where nobody watches. */
  progress?: (text: string | null) => void;
}

let outFailure: NodeJS.ErrnoException | null = null;

/**
 * Why standard output could not be written (a full disk, /dev/full), or null. console.log drops such
 * errors, so a cut-off result exited 0; a closed pipe (`| head`) is the reader's choice, not a failure.
 */
export function outputFailure(): NodeJS.ErrnoException | null {
  return outFailure;
}

function failed(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || outFailure) return;
  outFailure = error;
  // Also when it comes after the command's code was set: the process must not exit 0.
  process.exitCode = 1;
  console.error(`stagegate: cannot write the result to standard output: ${error.code ?? error.message}`);
}

export const consoleIo: CliIo = {
  out: (t) => {
    if (process.stdout.listenerCount('error') === 0) process.stdout.on('error', failed);
    try {
      process.stdout.write(`${t}\n`);
    } catch (error) {
      failed(error as NodeJS.ErrnoException);
    }
  },
  err: (t) => console.error(t),
  // Only on a terminal: a redirected stderr would collect a hundred lines of it.
  ...(process.stderr.isTTY ? { progress: (t: string | null) => process.stderr.write(`\r${t ?? ''}\x1b[K`) } : {}),
};

/**
 * What a command ends with: 0 done, 1 it could not be done (a bad file, a refused input), 2 a usage
 * error, 3 done, and what it checked failed (`plan check`).
 */
export type ExitCode = 0 | 1 | 2 | 3 | InterruptedCode;

/** 128 + the signal's number, as a shell reports a process a signal ended: HUP, INT, TERM. */
export type InterruptedCode = 129 | 130 | 143;

/** A file's text, or a problem naming it. */
export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileProblems([`${file}: cannot read it${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`]);
  }
}
