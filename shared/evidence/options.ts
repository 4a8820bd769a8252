// The judge's options as a plan carries them (YAML too). The defaults are the promise made to a
// user: at most 1 % of healthy rollouts halted, over the whole rollout.
import { z } from 'zod';
import { EFFECT_GRID } from './grid.ts';

/** The least false-halt rate a plan may promise (migration 015 raises a smaller stored one). */
export const MIN_ALPHA = 1e-6;
const MIN_TAU = Number(EFFECT_GRID[0]!.toPrecision(2));

export const JudgeOptions = z
  .object({
    /** Family-wise false-halt rate of the whole rollout: all stages, gates, segments and looks together. */
    alpha: z
      .number()
      // Below one in a million the boundary (log 1/α, split further over gates and segments) is past what a rollout's intervals can gather.
      .min(MIN_ALPHA, `from ${MIN_ALPHA} to 0.2: a smaller rate leaves no halt within reach`)
      .max(0.2, `from ${MIN_ALPHA} to 0.2`)
      .default(0.01),
    /** Per gate: the chance that a canary beyond the gate's tolerance is judged within it (a false pass). */
    passAlpha: z.number().gt(0, 'more than 0 and at most 0.5').max(0.5, 'more than 0 and at most 0.5').default(0.05),
    /** Scale of the prior over effect sizes (log-ratio beyond the null) that the e-processes mix over. */
    tau: z
      .number()
      // Below the grid's smallest effect (grid.ts) the prior is all on that one step, and far below it the weights underflow to NaN: no gate could ever decide.
      .min(EFFECT_GRID[0]!, `from ${MIN_TAU} to 10: below ${MIN_TAU}, the smallest effect the mixture holds (a 2 % step), it changes nothing`)
      .max(10, `from ${MIN_TAU} to 10`)
      .default(1.5),
    /** Canary events (rates) or intervals (quantiles) a test needs before it may decide either way. */
    minEvidence: z.number().int('a whole number from 1 to 100000').min(1, 'a whole number from 1 to 100000').max(100_000, 'a whole number from 1 to 100000').default(10),
    /** The α share of a gate's segments is split over at least this many segments (more when more are seen). */
    segmentBudget: z.number().int('a whole number from 1 to 200').min(1, 'a whole number from 1 to 200').max(200, 'a whole number from 1 to 200').default(8),
    /**
     * Where the failure side's null sits, as a share of the gate's tolerance (log scale): it tests
     * "worse than the baseline by more than this share of what the gate allows", and a halt also
     * needs the estimate past the whole tolerance. 0 tests equality (most power, no room for a small
     * bias the count model does not know); 1 tests the margin itself (slowest).
     */
    failNullShare: z.number().min(0, 'from 0 to 1').max(1, 'from 0 to 1').default(0.5),
  })
  .strict();
export type JudgeOptions = z.infer<typeof JudgeOptions>;
export type JudgeOptionsInput = z.input<typeof JudgeOptions>;

export const DEFAULT_JUDGE_OPTIONS: JudgeOptions = JudgeOptions.parse({});
