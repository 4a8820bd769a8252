// The guard's accuracy on the evaluation corpus, measured the way the outside evaluation measured it:
// a fixed-seed corpus of synthetic staged rollouts with known truth (shared/sim/scenarios), each
// replayed through the backtest engine with the default plans and gates, each stop scored against the
// truth. Prints every target beside its measured figure, then where the misses and false halts are.
import type { BacktestResult, BacktestRow, Plan, ScheduleRow } from '../shared/index.ts';
import { buildScenario, corpusSpecs, scoreCorpus, scoreScenario, type ScenarioSpec } from '../shared/sim/scenarios/index.ts';
import { printBreakdowns, printTargets, type Scored } from './guardAccuracyReport.ts';

const SEED = 20_250_601;
const COUNT = 300;

type RunBacktest = (input: { plan: Plan; samples: BacktestRow[]; schedule: ScheduleRow[]; lookEveryMs?: number }) => Promise<BacktestResult>;

/** The engine, where it is merged; its path is a variable so this file type-checks before it is. */
async function loadEngine(): Promise<RunBacktest | null> {
  const engine = '../electron/core/backtest/index.ts';
  try {
    return ((await import(engine)) as { runBacktest: RunBacktest }).runBacktest;
  } catch (error) {
    // Only the engine's absence is a skip; an engine that fails to load is an error to see.
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('backtest/index.ts')) return null;
    throw error;
  }
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
    ['tenants', spec.tenants.length > 1],
  ];
  return [spec.planKind, ...tags.filter(([, on]) => on).map(([tag]) => tag)];
}

export async function benchGuardAccuracy(count = COUNT): Promise<void> {
  const runBacktest = await loadEngine();
  if (!runBacktest) {
    console.log('guard accuracy on the evaluation corpus: skipped, the backtest engine (electron/core/backtest) is not in this tree');
    return;
  }
  const started = performance.now();
  const scores: Scored[] = [];
  const failures: string[] = [];
  // One scenario's rows at a time: a whole corpus of rows would hold millions of objects at once.
  for (const spec of corpusSpecs({ seed: SEED, count })) {
    const s = buildScenario(spec);
    try {
      const result = await runBacktest({ plan: s.plan, samples: s.rows, schedule: s.schedule, lookEveryMs: s.lookEveryMs });
      scores.push({ ...scoreScenario(s.id, s.truth, result), tags: tagsOf(spec) });
    } catch (error) {
      failures.push(`${s.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`guard accuracy on the evaluation corpus (${count} scenarios, seed ${SEED}; default Play plan or service gates on 1 → 5 → 20 → 50 %, a look every 60–120 s; ${seconds.toFixed(0)} s):`);
  if (failures.length) console.log(`  ${failures.length} scenarios could not be replayed, left out of every figure; first: ${failures[0]}`);
  printTargets(scoreCorpus(scores));
  printBreakdowns(scores);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGuardAccuracy(process.argv[2] ? Number(process.argv[2]) : COUNT);
