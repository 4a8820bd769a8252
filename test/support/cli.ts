import fs from 'node:fs';
import path from 'node:path';
import { run } from '../../electron/cli/main.ts';
import { createCore } from '../../electron/core/core.ts';
import type { ReleaseDetail } from '../../shared/index.ts';
import { tempDir } from './tmp.ts';

/** One command line through the CLI's own entry, its output and problems collected instead of printed. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The same, on a terminal: the progress lines it shows (null where it clears the line) beside the rest. */
export async function cliOnTerminal(...argv: string[]): Promise<{ code: number; out: string; err: string; progress: (string | null)[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const progress: (string | null)[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), progress: (t) => progress.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n'), progress };
}

/** A file for a command to read, in `dir`; its path. */
export function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/**
 * A data folder holding one planned release, as ingest needs one to store samples under; its id. With
 * `startedAt`, the release was started then (its first stage rolling since).
 */
export async function dataDirWithRelease(options: { startedAt?: number; dir?: string } = {}): Promise<{ dir: string; releaseId: string }> {
  const dir = options.dir ?? tempDir();
  const at = options.startedAt;
  const core = createCore({ dataDir: dir, version: 't', guard: false, ...(at === undefined ? {} : { now: () => at }) });
  const alice = { actor: 'alice', role: 'operator' as const };
  try {
    const created = await core.invoke('createRelease', { name: 'api 2.0', app: 'api', version: '2.0', target: 'service' }, alice);
    if (!created.ok) throw new Error(created.error.message);
    const releaseId = (created.value as ReleaseDetail).release.id;
    if (at !== undefined) {
      const started = await core.invoke('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' }, alice);
      if (!started.ok) throw new Error(started.error.message);
    }
    return { dir, releaseId };
  } finally {
    core.close();
  }
}
