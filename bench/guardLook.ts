// The guard's time per look on the demo, against the previous guard's judge on the same data in the
// same run: a Mann-Whitney mSPRT re-ranking the stage's accumulated observations at every look. The
// target is the "within today's figures": a ratio of at most 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/core.ts';
import { openDatabase } from '../electron/core/db/open.ts';
import { observationsFor } from '../electron/core/metrics/store.ts';
import { getRelease, getStages } from '../electron/core/repos/releases.ts';
import { evaluateGate, judgeComparator, type MetricName } from '../shared/index.ts';

const WARM_TICKS = 900;
const MEASURED_TICKS = 300;

export async function benchGuardLook(): Promise<void> {
  let t = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-look-'));
  const core = createCore({ dataDir: dir, version: 'bench', demo: true, now: () => t, log: () => {} });
  // The demo's seeded fault would pause the service canary; judge both rollouts throughout.
  await core.invoke('clearFaults', { releaseId: 'demo-checkout-api-2026-11' }, { actor: 'bench', role: 'operator' });
  for (let i = 0; i < WARM_TICKS; i += 1) core.simulator.tick((t += 2000));
  const before = { ...core.guard.stats };
  for (let i = 0; i < MEASURED_TICKS; i += 1) core.simulator.tick((t += 2000));
  const looks = core.guard.stats.evaluations - before.evaluations;
  const perLook = (core.guard.stats.busyMs - before.busyMs) / looks;

  // The reference judge reads the same file on a connection of its own: the core keeps its database to itself.
  const db = openDatabase(dir);
  const rolling = db.prepare("SELECT id FROM releases WHERE status = 'rolling'").all() as { id: string }[];
  const states = new Map();
  const reference = () => {
    for (const { id } of rolling) {
      const release = getRelease(db, id)!;
      const stage = getStages(db, id)[release.stageIndex]!;
      const metrics = [...new Set<MetricName>(stage.gates.map((g) => g.metric))];
      const accumulated = observationsFor(db, id, metrics, stage.startedAt ?? 0, t);
      const recent = new Map([...accumulated].map(([m, obs]) => [m, obs.filter((o) => o.t >= t - 600_000)]));
      const comparator = judgeComparator({ store: states, key: (g) => `${id}:${g.id}` });
      for (const gate of stage.gates) evaluateGate(gate, recent.get(gate.metric) ?? [], comparator, accumulated.get(gate.metric) ?? []);
    }
  };
  reference();
  const reps = 20;
  const started = performance.now();
  for (let i = 0; i < reps; i += 1) reference();
  const referencePerLook = (performance.now() - started) / reps / rolling.length;
  console.log(`guard look on the demo after ${(WARM_TICKS * 2) / 60} min of a stage (${rolling.length} rolling releases, ${looks} looks measured):`);
  console.log(`  ${perLook.toFixed(2)} ms per look (fold new samples, judge every gate and segment, persist the state) vs the previous guard's judge on the same data ${referencePerLook.toFixed(2)} ms: ratio ${(perLook / referencePerLook).toFixed(3)} (target ≤ 1)`);
  db.close();
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
