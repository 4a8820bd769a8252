import fs from 'node:fs';
import { FileProblems } from './csv/table.ts';

/** Where the CLI writes: results to `out`, problems to `err`. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A line of progress that the next one replaces; null clears it. Absent where nobody watches. */
  progress?: (text: string | null) => void;
}

export const consoleIo: CliIo = {
  out: (t) => console.log(t),
  err: (t) => console.error(t),
  // Only on a terminal: a redirected stderr would collect a hundred lines of it.
  ...(process.stderr.isTTY ? { progress: (t: string | null) => process.stderr.write(`\r${t ?? ''}\x1b[K`) } : {}),
};

/**
 * What a command ends with: 0 done, 1 it could not be done (a bad file, a refused input), 2 a usage
 * error, 3 done, and what it checked failed (`plan check`).
 */
export type ExitCode = 0 | 1 | 2 | 3;

/** A file's text, or a problem naming it. */
export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileProblems([`${file}: cannot read it${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`]);
  }
}
