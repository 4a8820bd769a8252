// Web host cold start: process spawn to the first answered request, on an empty data folder (which
// includes seeding the demo) and on one that already holds the log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHostProcess } from './hostProcess.ts';
import { median } from './median.ts';

async function once(dataDir: string): Promise<number> {
  const started = performance.now();
  const { url, child } = await startHostProcess('electron/web/main.ts', ['--port', '0', '--data-dir', dataDir, '--no-simulator'], 'bench');
  try {
    const res = await fetch(`${url}/api/listReleases`, { method: 'POST', headers: { authorization: 'Bearer bench', 'content-type': 'application/json' }, body: '{}' });
    if (res.status !== 200) throw new Error(`listReleases answered ${res.status}`);
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
  }
}


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
