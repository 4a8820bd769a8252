// Web host cold start: process spawn to the first answered request, on an empty data folder (which
// includes seeding the demo) and on one that already holds the log.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

async function once(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'electron/web/main.ts'), '--port', '0', '--data-dir', dataDir, '--no-simulator'], {
    env: { ...process.env, STAGEGATE_TOKEN: 'bench' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Open (http:\/\/[^/\s]+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`web host exited with ${code}`)));
    });
    const res = await fetch(`${url}/api/listReleases`, { method: 'POST', headers: { authorization: 'Bearer bench', 'content-type': 'application/json' }, body: '{}' });
    if (res.status !== 200) throw new Error(`listReleases answered ${res.status}`);
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchWebColdStart(runs = 5): Promise<void> {
  const fresh: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-'));
    fresh.push(await once(dir));
    warm.push(await once(dir));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`web host cold start → first answered request (listReleases), median of ${runs}:`);
  console.log(`  empty data folder (migrations + demo seed): ${median(fresh).toFixed(0)} ms`);
  console.log(`  existing log:                               ${median(warm).toFixed(0)} ms`);
}
