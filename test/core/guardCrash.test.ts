// The guard's sequential state survives a kill -9: every look the guard reported committed is on
// disk with its evidence, and a new process goes on from it instead of starting the stage afresh.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.ts';
import { loadGuardState } from '../../electron/core/repos/guardState.ts';
import { tempDir } from '../support/tmp.ts';
import { dataFile } from '../support/dataFile.ts';

const CHILD = fileURLToPath(new URL('../support/guardChild.ts', import.meta.url));
const START = Date.UTC(2026, 10, 20, 12);

it('keeps every committed look of the guard across a kill -9, and the next process continues the same evidence', async () => {
  const dataDir = tempDir();
  const child = spawn(process.execPath, [CHILD, dataDir, String(START)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let releaseId = '';
  let lastLooks = 0;
  let lastT = 0;
  for await (const line of createInterface({ input: child.stdout! })) {
    const msg = JSON.parse(line) as { releaseId?: string; looks?: number; t?: number };
    if (msg.releaseId) releaseId = msg.releaseId;
    if (msg.looks !== undefined) {
      lastLooks = msg.looks;
      lastT = msg.t!;
    }
    if (lastLooks >= 40) {
      child.kill('SIGKILL');
      break;
    }
  }
  await new Promise((resolve) => child.once('exit', resolve));
  expect(child.signalCode).toBe('SIGKILL');

  let t = lastT;
  const core = createCore({ dataDir, version: 't', now: () => t, guard: true, lease: { ttlMs: 400 } });
  // The killed process's lease lapses on the wall clock; the guard here starts once this host holds it.
  while (!core.lease.held) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(dataFile(core.dataDir).pragma('integrity_check', { simple: true })).toBe('ok');
  const saved = loadGuardState(dataFile(core.dataDir), releaseId, 0)!;
  // A look printed was committed; the one in flight at the kill may be there too, never half of one.
  expect(saved.looks).toBeGreaterThanOrEqual(lastLooks);
  expect(saved.looks).toBeLessThanOrEqual(lastLooks + 1);
  const before = saved.gates.errors!['region=eu-west']!;
  // The look in flight at the kill may have committed a tick past the last one printed: go on after it.
  t = Math.max(t, saved.foldedUntil ?? t);
  expect(before.sums.pairs).toBeGreaterThanOrEqual(lastLooks);

  // The next process folds only what came after: the stage's evidence grows from where it was.
  for (let i = 0; i < 5; i += 1) core.simulator.tick((t += 2000));
  const after = loadGuardState(dataFile(core.dataDir), releaseId, 0)!;
  expect(after.looks).toBe(saved.looks + 5);
  expect(after.gates.errors!['region=eu-west']!.sums.pairs).toBe(before.sums.pairs + 5);
  expect(after.gates.errors!['region=eu-west']!.sums.canaryTrials).toBeGreaterThan(before.sums.canaryTrials);
  core.close();
}, 60_000);
