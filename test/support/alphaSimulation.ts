// The settings the sequential tests' calibration simulations share: α = 5 % for one gate judged
// alone, 120 looks of one interval each, 300 rollouts, and the Monte Carlo allowance on a share.
import { JudgeOptions } from '../../shared/index.ts';

export const ALPHA = 0.05;
export const options = JudgeOptions.parse({ alpha: ALPHA, minEvidence: 1 });
export const budget = { gates: 1, gatedStages: 1 };
export const LOOKS = 120;
export const ROLLOUTS = 300;
/** α plus three Monte Carlo standard errors of a share of ROLLOUTS. */
export const WITHIN_ALPHA = ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / ROLLOUTS);
