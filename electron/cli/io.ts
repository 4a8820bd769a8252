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

let listening = false;

export const consoleIo: CliIo = {
  out: (t) => {
    // Its own listener, whatever else listens: another one (a test runner's) must not stand in for it.
    if (!listening) {
      process.stdout.on('error', failed);
      listening = true;
    }
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

/**
 * The largest file a command reads: it holds the file and its rows in memory, about ten times the
 * file's size (a 474 MB file ran out of heap after 50 s, a native trace naming no file). 128 MiB is
 * some two million rows, weeks of a minute-by-minute recording.
 */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;

const megabytes = (bytes: number, digits = 0): string => `${(bytes / (1024 * 1024)).toFixed(digits)} MiB`;

/** What makes a file's bytes unreadable as UTF-8 text, or null. */
function encodingProblem(bytes: Buffer): string | null {
  const bom = bytes.subarray(0, 2);
  const utf16 = (bom[0] === 0xff && bom[1] === 0xfe) || (bom[0] === 0xfe && bom[1] === 0xff);
  // UTF-16 text without its mark still has a zero byte beside every ASCII character.
  if (utf16 || bytes.subarray(0, 4096).includes(0)) return 'it is not UTF-8 text (UTF-16, or binary): save it as UTF-8';
  return null;
}

/** A file's text, or a problem naming it. */
export function readText(file: string): string {
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      // Splitting by time is advice for a recording; a plan or schedule that large is not one.
      const advice = /\.csv$/i.test(file) ? "; split it by time (ingest takes the parts one by one, and a backtest needs only its rollout's hours)" : '';
      throw new FileProblems([`${file}: ${megabytes(size, 1)}, more than the ${megabytes(MAX_FILE_BYTES)} a file may have here${advice}`]);
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof FileProblems) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileProblems([`${file}: cannot read it${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`]);
  }
  const problem = encodingProblem(bytes);
  if (problem) throw new FileProblems([`${file}: ${problem}`]);
  return bytes.toString('utf8');
}
