// A web host in its own process, as a person starts it, for benchmarks that measure it from outside.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface HostProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
}

/** Spawns `script` (relative to the repo) with the args and resolves once it prints the URL to open. */
export async function startHostProcess(script: string, args: string[], token: string): Promise<HostProcess> {
  const child = spawn(process.execPath, [path.join(root, script), ...args], { env: { ...process.env, STAGEGATE_TOKEN: token } });
  child.stderr.pipe(process.stderr);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/[^/\s]+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  return { url, child };
}
