// The guard on the demo workspace: gate evaluations per second, and how long a breaching sample takes
// to become a recorded automatic decision.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/core.ts';
import { DEMO_SERVICE_ID } from '../electron/core/demo/seed.ts';

function demoCore(now: () => number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-guard-'));
  const core = createCore({ dataDir: dir, version: 'bench', demo: true, now, log: () => {} });
  return { core, dispose: () => (core.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

export async function benchGuard(): Promise<void> {
  let t = Date.now();
  const { core, dispose } = demoCore(() => t);
  core.guard.stop();
  core.guard.check();
  const rounds = 200;
  const before = { ...core.guard.stats };
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) core.guard.check();
  const seconds = (performance.now() - started) / 1000;
  const gates = core.guard.stats.gatesEvaluated - before.gatesEvaluated;
  const stages = core.guard.stats.evaluations - before.evaluations;
  console.log(`guard on the demo workspace (${stages / rounds} rolling stages, ${gates / rounds} gates; each look folds the new samples into the sequential tests and persists them):`);
  console.log(`  ${(gates / seconds).toFixed(0)} gates evaluated per second (${((seconds * 1000) / stages).toFixed(2)} ms per stage)`);
  dispose();

  t = Date.now();
  const second = demoCore(() => t);
  const faultAt = t;
  await second.core.invoke('injectFault', { releaseId: DEMO_SERVICE_ID, metric: 'p95_latency_ms', segment: { region: 'eu-west' }, factor: 1.6 }, { actor: 'bench', role: 'operator' });
  const decided = () => second.core.guard.stats.decisions > 0;
  let latencyMs = -1;
  for (let i = 0; i < 1000 && latencyMs < 0; i += 1) {
    t += 2000;
    const tick = performance.now();
    second.core.simulator.tick(t);
    if (decided()) latencyMs = performance.now() - tick;
  }
  console.log(`breach in one region (p95 × 1.6 in eu-west on the service canary):`);
  console.log(`  detected ${((t - faultAt) / 1000).toFixed(0)} s of simulated time after the fault began (evidence must cross a boundary held at a 1 % false-halt rate for the whole rollout)`);
  console.log(`  breaching sample → recorded automatic decision: ${latencyMs.toFixed(1)} ms (insert + gate evaluation + decision with evidence)`);
  second.dispose();
}
