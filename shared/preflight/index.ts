// The pre-flight's rules: pure, so the core, the tests and the dialog read them alike. The core
// gathers the facts (electron/core/rollout/preflight.ts); each check here decides on them.
import { PREFLIGHT_VERSION, worstOutcome, type Preflight, type PreflightCheck } from '../domain/preflight.ts';

export { gatesCheck } from './gates.ts';
export { metricsCheck, type MetricsFacts } from './metrics.ts';
export { evidenceCheck } from './evidence.ts';
export { FILE_ROWS, overlapFixText, overlapPredicate, overlapReadingText, PUSHED_SAMPLES, type OverlapWords } from './overlap.ts';
export { monitorCheck, type MonitorFacts } from './monitor.ts';
export { failureActionsCheck } from './failureActions.ts';
export { darkFlagsCheck, darkFlagsOf } from './flags.ts';

/** The checks of one run, in order, with their worst outcome. */
export function preflightOf(releaseId: string, at: number, checks: readonly PreflightCheck[]): Preflight {
  return { v: PREFLIGHT_VERSION, releaseId, at, outcome: worstOutcome(checks.map((c) => c.outcome)), checks: [...checks] };
}

/** Planned length of a rollout: the soaks of the stages before the last (the last completes it). */
export function plannedRolloutMs(stages: readonly { minSoakSeconds: number }[]): number {
  return stages.slice(0, -1).reduce((sum, s) => sum + s.minSoakSeconds * 1000, 0);
}
