// One worker's share of the guard-accuracy corpus: every `slices`-th scenario from `slice` on, each
// built, replayed through the backtest engine and scored. Scenarios are independent, so the corpus
// splits across cores with nothing shared but the seed.
import { parentPort, workerData } from 'node:worker_threads';
import { runBacktest } from '../electron/core/backtest/index.ts';
import { buildScenario, corpusSpecs, lowExposureInformation, scoreScenario, type ScenarioSpec } from '../shared/sim/scenarios/index.ts';
import type { BacktestResult, Plan } from '../shared/index.ts';
import type { Scored, StageHold } from './guardAccuracyReport.ts';
import { SHAPES, type ShapeName } from './recordingShapes.ts';

export interface SliceJob {
  seed: number;
  count: number;
  slice: number;
  slices: number;
  /** Replay each recording in another source's shape (bench/recordingShapes.ts); as recorded when absent. */
  shape?: ShapeName | undefined;
}

export interface SliceResult {
  scores: Scored[];
  failures: string[];
}

/** The plan first, then the knobs a breakdown may want to split by. */
function tagsOf(spec: ScenarioSpec): string[] {
  const p = spec.dataProblems;
  const tags: [string, boolean][] = [
    ['tiny', spec.traffic.tiny],
    ['gaps', p.canaryGaps.length > 0],
    ['missing', p.missingShare > 0],
    ['nan', p.nanShare > 0],
    ['zero-weight', p.zeroWeightShare > 0],
    [`empty-${p.empty}`, true],
    ['incidents', spec.incidents.length > 0],
    // Per-minute error rates spread by more than 30 % beyond the binomial (gamma shape below 10).
    ['overdispersed', spec.errors.k < 10],
    ['zero-inflated', spec.errors.zeroShare > 0],
    ['tenants', spec.tenants.length > 1],
  ];
  return [spec.planKind, ...tags.filter(([, on]) => on).map(([tag]) => tag)];
}

/** Each gated stage the replay looked at: promoted (or approval asked) by the guard, and its gates at its last look. */
function stageHolds(plan: Plan, replay: BacktestResult): StageHold[] {
  const stages = [...new Set(replay.looks.map((l) => l.stage))].filter((i) => (plan.stages[i]?.gates.length ?? 0) > 0);
  return stages.map((i) => ({
    exposure: plan.stages[i]!.exposure,
    promoted: replay.decisions.some((d) => d.stage === i && (d.action === 'promote' || d.action === 'request_approval')),
    passingAtEnd: replay.looks.findLast((l) => l.stage === i)?.gates.every((g) => g.outcome === 'pass') ?? false,
  }));
}

export async function replaySlice({ seed, count, slice, slices, shape }: SliceJob): Promise<SliceResult> {
  const result: SliceResult = { scores: [], failures: [] };
  const specs = corpusSpecs({ seed, count }).filter((_, i) => i % slices === slice);
  // One scenario's rows at a time: a whole corpus of rows would hold millions of objects at once.
  for (const spec of specs) {
    const s = buildScenario(spec);
    try {
      const samples = shape ? SHAPES[shape].apply(s.rows, s.schedule[0]!.t) : s.rows;
      const replay = await runBacktest({ plan: s.plan, samples, schedule: s.schedule, lookEveryMs: s.lookEveryMs });
      result.scores.push({ ...scoreScenario(s.id, s.truth, replay), tags: tagsOf(spec), information: lowExposureInformation(s), stages: stageHolds(s.plan, replay) });
    } catch (error) {
      result.failures.push(`${s.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

if (parentPort && workerData) parentPort.postMessage(await replaySlice(workerData as SliceJob));
