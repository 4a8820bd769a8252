import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { onTestFinished } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
export const PROCESS_OPERATOR = 'test-operator-token-processes';

export interface HostProcess {
  url: string;
  child: ChildProcess;
  /** Everything the host printed so far, stdout and stderr, for failure messages. */
  output(): string;
  alive(): boolean;
  call(method: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Call inside a test. A web host in its own process (so SQLite's file locks are real between hosts), started the way
 * `npm run serve` starts it; resolves once the host has printed the URL it listens on.
 */
export function startHostProcess(dataDir: string, args: readonly string[] = []): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    [path.join(repo, 'electron', 'web', 'main.ts'), '--port', '0', '--data-dir', dataDir, ...args],
    { cwd: repo, env: { ...process.env, STAGEGATE_TOKEN: PROCESS_OPERATOR }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  // Registered on the test that started it, so the process ends with that test, pass or fail.
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const url = /Open (http:\/\/[^/\s]+)\//.exec(out)?.[1];
      if (!url) return;
      child.stdout!.off('data', onData);
      resolve({
        url,
        child,
        output: () => out,
        alive: () => child.exitCode === null && child.signalCode === null,
        exited,
        call: async (method, input) => {
          const res = await fetch(`${url}/api/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_OPERATOR}` },
            body: JSON.stringify(input),
          });
          return { status: res.status, body: (await res.json()) as Record<string, unknown> };
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`the host exited (${code}) before listening:\n${out}`)));
  });
}
