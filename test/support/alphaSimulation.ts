// The settings the sequential tests' calibration simulations share: α = 5 % for one gate judged
// alone, 120 looks of one interval each, 300 rollouts, and the Monte Carlo allowance on a share.
import { JudgeOptions, lookAtGate, seededRandom, type Gate, type ObservationAt, type SampleBlocks, type TestState } from '../../shared/index.ts';

export const ALPHA = 0.05;
export const options = JudgeOptions.parse({ alpha: ALPHA, minEvidence: 1 });
export const budget = { gates: 1, gatedStages: 1 };
export const LOOKS = 120;
export const ROLLOUTS = 300;
/** α plus three Monte Carlo standard errors of a share of ROLLOUTS. */
export const WITHIN_ALPHA = ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / ROLLOUTS);

/**
 * The share of ROLLOUTS whose gate fails within `looks` looks of a minute each: the real lookAtGate,
 * its state carried between looks, each rollout drawn from its own seed (`seed` + its index).
 */
export function shareFailing(gate: Gate, minute: (k: number, random: () => number) => ObservationAt[], o: { seed: number; looks?: number; blocks?: SampleBlocks }): number {
  let failed = 0;
  for (let i = 0; i < ROLLOUTS; i += 1) {
    const random = seededRandom(o.seed + i);
    let tests: Record<string, TestState> | undefined;
    for (let k = 1; k <= (o.looks ?? LOOKS); k += 1) {
      const looked = lookAtGate({ gate, observations: minute(k, random), tests, stageStartedAt: 0, lookAt: k * 60_000, budget, options, ...(o.blocks ? { blocks: o.blocks } : {}) });
      tests = looked.tests;
      if (looked.result.outcome === 'fail') {
        failed += 1;
        break;
      }
    }
  }
  return failed / ROLLOUTS;
}
