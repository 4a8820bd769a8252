import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BacktestDecision, BacktestResult, BacktestRow, ReleaseDetail } from '../../../shared/index.ts';
import type { Core } from '../core.ts';
import { openCore } from '../openCore.ts';
import { insertSamples, type StoredSample } from '../metrics/store.ts';
import { keepGuardStatesInMemory } from '../repos/guardState.ts';
import { setSource } from '../repos/sources.ts';
import { LOOK_EVERY_MS, VirtualClock } from './clock.ts';
import { BacktestInputError, inputIssues, MAX_LOOKS, type BacktestInput } from './input.ts';
import { BACKTEST_CALLER, guardLook, lookDecisions, lookReport, type Scratch } from './look.ts';
import { forceStage, keepStage } from './stage.ts';

const STOPS = new Set<BacktestDecision['action']>(['pause', 'halt', 'rollback']);

async function createRelease(core: Core, input: BacktestInput): Promise<string> {
  const created = await core.invoke('createRelease', { name: 'Backtest', app: 'backtest', version: '1', target: input.plan.target, plan: input.plan }, BACKTEST_CALLER);
  if (!created.ok) throw new BacktestInputError(created.error.issues ?? [{ path: 'plan', message: created.error.message }]);
  return (created.value as ReleaseDetail).release.id;
}

const stored = (releaseId: string, r: BacktestRow): StoredSample => ({
  releaseId,
  metric: r.metric,
  cohort: r.cohort,
  segment: { region: r.region, device: r.device, tenant: r.tenant },
  t: r.t,
  value: r.value,
  weight: r.weight,
});

/**
 * Replays the real guard over recorded samples on a virtual clock, in a temporary database that is
 * removed afterwards. Looks fall every `lookEveryMs` after the schedule's first time, up to the last
 * sample; a look at L sees the rows with t ≤ L. The schedule is followed to its end whatever the guard
 * decided: each change puts its stage in force (rolling, its window starting then); a look at the time
 * of a change is judged under the stage that ends there; rows after a stage's last look are folded
 * into it as it ends (rollout/evaluation.ts ▸ endedStage). A stop holds until the next change; a promote
 * is undone, so the schedule's stage stays in force, and is listed once per stage in force.
 */
export interface BacktestProgress {
  /** Looks taken so far, of `looks` in all. */
  looked: number;
  looks: number;
}

export interface BacktestOptions {
  /** Called after each look: a recording of days takes tens of seconds, and a person wants to see it move. */
  onProgress?: (progress: BacktestProgress) => void;
  /** Writes each look's guard state as text, as the live guard does; the scratch file is thrown away, so by default they stay in memory (the same states: a test compares the two). */
  statesAsText?: boolean;
  /** Ends the backtest between looks (its reason thrown), its temporary database removed: Ctrl-C left it behind. */
  signal?: AbortSignal;
}

/** Looks between two turns of the event loop, where an abort (a signal's handler) can be seen. */
const LOOKS_PER_TURN = 16;

/**
 * The schedule's changes: a row naming the stage already in force changes nothing (a stage gauge
 * scraped every minute writes one a minute); taken as a change, it restarted the stage, which
 * cleared its stop and moved the first stop to a later stage.
 */
export function scheduleChanges(schedule: BacktestInput['schedule']): BacktestInput['schedule'] {
  return schedule.filter((row, i) => i === 0 || row.stage !== schedule[i - 1]!.stage);
}

export async function runBacktest(input: BacktestInput, options: BacktestOptions = {}): Promise<BacktestResult> {
  const issues = inputIssues(input);
  if (issues.length > 0) throw new BacktestInputError(issues);
  const every = input.lookEveryMs ?? LOOK_EVERY_MS;
  const samples = [...input.samples].sort((a, b) => a.t - b.t);
  const schedule = scheduleChanges(input.schedule);
  const start = schedule[0]!.t;
  const end = samples.at(-1)!.t;
  if ((end - start) / every > MAX_LOOKS) throw new BacktestInputError([{ path: 'lookEveryMs', message: `more than ${MAX_LOOKS} looks; look less often` }]);
  const result: BacktestResult = { looks: [], decisions: [], firstStop: null };
  const clock = new VirtualClock(start);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-backtest-'));
  let scratch: Scratch | null = null;
  try {
    // Never competes for a lease: the folder is its own, and the guard's looks are called below.
    scratch = openCore({ dataDir: dir, version: 'backtest', now: clock.now, demo: false, simulateEveryMs: 0, guard: false, background: false, log: () => {} });
    const { core, db } = scratch;
    // A scratch file thrown away at the end and used by this connection alone: nothing to keep across a
    // crash, so no syncs and no write-ahead log; one lock held throughout instead of one per transaction.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    if (!options.statesAsText) keepGuardStatesInMemory(db);
    const releaseId = await createRelease(core, input);
    // Recorded samples, pushed from a file: judged as samples from outside are (no simulator writes into it).
    setSource(db, releaseId, 'push', null);
    let inForce = schedule[0]!.stage;
    let promoted = false;
    const enter = (stage: number, at: number): void => {
      clock.t = at;
      forceStage(db, releaseId, stage, input.plan.stages[stage]!.promotion, at);
      inForce = stage;
      promoted = false;
    };
    enter(inForce, start);
    let nextChange = 1;
    let nextRow = 0;
    const looks = Math.max(0, Math.floor((end - start) / every));
    let looked = 0;
    for (let t = start + every; t <= end; t += every) {
      if (looked % LOOKS_PER_TURN === 0 && options.signal) {
        await new Promise((resolve) => setImmediate(resolve));
        options.signal.throwIfAborted();
      }
      // The rows up to this look, in one transaction.
      let upTo = nextRow;
      while (upTo < samples.length && samples[upTo]!.t <= t) upTo += 1;
      if (upTo > nextRow) insertSamples(db, samples.slice(nextRow, upTo).map((r) => stored(releaseId, r)));
      nextRow = upTo;
      // Changes since the last look take effect at their own times.
      while (nextChange < schedule.length && schedule[nextChange]!.t < t) {
        const change = schedule[nextChange++]!;
        enter(change.stage, change.t);
      }
      clock.t = t;
      const seen = guardLook(scratch, releaseId, t);
      if (seen) {
        result.looks.push(lookReport(t, seen));
        for (const decision of lookDecisions(db, releaseId, t, seen, input.plan.stages[seen.stageIndex]?.exposure ?? 0)) {
          if (decision.action === 'promote') {
            // The schedule, not the guard, says which stage is in force next.
            keepStage(db, releaseId, inForce, t);
            if (promoted) continue;
            promoted = true;
          }
          result.decisions.push(decision);
          if (result.firstStop === null && STOPS.has(decision.action)) {
            result.firstStop = { t, stage: decision.stage, exposure: decision.exposure, action: decision.action as 'pause' | 'halt' | 'rollback' };
          }
        }
      }
      // A change at the time of this look starts after it: the look belonged to the stage that ends.
      while (nextChange < schedule.length && schedule[nextChange]!.t === t) enter(schedule[nextChange++]!.stage, t);
      looked += 1;
      options.onProgress?.({ looked, looks });
    }
    return result;
  } finally {
    scratch?.core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
