// A test's e-process, folded one paired observation at a time. The failure side runs over the whole
// rollout — evidence gathered at 1 % still counts at 5 % — and is a mixture over start times: ½ on the
// rollout's start, the other ½ spread over each gated stage's start and 15, 45 and 120 minutes into
// it, so a regression that begins later (with more exposure, or an hour into a stage) is not diluted
// by the calm before it. Each component is a test supermartingale starting at 1 (a component that
// has not started counts as 1), and the weights are fixed by the plan up front and sum to 1, so the
// mixture is a test supermartingale too.
import { EFFECT_GRID, logSumExp, priorLogWeights } from './grid.ts';
import type { EProcessState } from './state.ts';

/** Offsets of the components started in each gated stage, minutes after the stage began. */
const OFFSET_MINUTES = [0, 15, 45, 120] as const;

/** The prior weight of every component but the rollout's start (which has ½). */
export function componentWeight(gatedStages: number): number {
  return 1 / (2 * (OFFSET_MINUTES.length * Math.max(1, gatedStages) - 1));
}

const zeros = (): number[] => EFFECT_GRID.map(() => 0);

type Component = EProcessState['fail'][number];
const component = (from: number, weight: number): Component => ({ from, logWeight: Math.log(weight), logLR: null, effect: [0, 0] });
const copyComponent = (c: Component): Component => ({ ...c, logLR: c.logLR ? [...c.logLR] : null, effect: [c.effect[0], c.effect[1]] });

/** A deep copy: the guard folds into a copy, so a look that is thrown away leaves the stored state alone. */
export function cloneEProcess(state: EProcessState): EProcessState {
  return { ...state, fail: state.fail.map(copyComponent), pass: [...state.pass] };
}

/** The e-process of a test that starts with this stage (the first the rollout judges it in). */
export function newEProcess(stageStartedAt: number, gatedStages: number): EProcessState {
  const w = componentWeight(gatedStages);
  const fail = OFFSET_MINUTES.map((m, j) => component(stageStartedAt + m * 60_000, j === 0 ? 0.5 : w));
  return { fail, unstartedLogWeight: logRemaining(fail), pass: zeros(), crossedAt: null, maxLogE: 0 };
}

function logRemaining(fail: EProcessState['fail']): number | null {
  const used = fail.reduce((sum, c) => sum + Math.exp(c.logWeight), 0);
  return used < 1 - 1e-12 ? Math.log(1 - used) : null;
}

/** The same e-process entering a later stage: its failure side goes on, with this stage's components added; its pass side starts afresh. */
export function carryEProcess(previous: EProcessState, stageStartedAt: number, gatedStages: number): EProcessState {
  const remaining = previous.unstartedLogWeight === null ? 0 : Math.exp(previous.unstartedLogWeight);
  const w = Math.min(componentWeight(gatedStages), remaining / OFFSET_MINUTES.length);
  const added = w > 0 ? OFFSET_MINUTES.map((m) => component(stageStartedAt + m * 60_000, w)) : [];
  const fail = [...previous.fail.map(copyComponent), ...added];
  return { fail, unstartedLogWeight: logRemaining(fail), pass: zeros(), crossedAt: previous.crossedAt, maxLogE: previous.maxLogE };
}

/**
 * Adds one observation's increments (already tempered) to every component started by its time `t`,
 * and its contribution to the effect estimate since each component's start.
 */
export function foldIncrements(state: EProcessState, t: number, failInc: Float64Array, passInc: Float64Array, effect: readonly [number, number]): void {
  for (const c of state.fail) {
    if (t <= c.from) continue;
    const logLR = (c.logLR ??= zeros());
    for (let k = 0; k < logLR.length; k += 1) logLR[k]! += failInc[k]!;
    c.effect[0] += effect[0];
    c.effect[1] += effect[1];
  }
  for (let k = 0; k < state.pass.length; k += 1) state.pass[k]! += passInc[k]!;
}

/**
 * The failure side: log of its e-value, Σ_j ω_j · Σ_k w_k · LR_jk (a component not yet started
 * counting as 1), and the started component that carries most of it — its effect sums are the
 * estimate a halt must also show past the gate's margin.
 */
export function failSide(state: EProcessState, tau: number): { logE: number; lead: Component | null } {
  const w = priorLogWeights(tau);
  const terms: number[] = [];
  let lead: Component | null = null;
  let leadTerm = Number.NEGATIVE_INFINITY;
  for (const c of state.fail) {
    const term = c.logWeight + (c.logLR ? logSumExp(c.logLR.map((l, k) => l + w[k]!)) : 0);
    terms.push(term);
    if (c.logLR && term > leadTerm) {
      leadTerm = term;
      lead = c;
    }
  }
  if (state.unstartedLogWeight !== null) terms.push(state.unstartedLogWeight);
  return { logE: logSumExp(terms), lead };
}

export function passLogE(state: EProcessState, tau: number): number {
  const w = priorLogWeights(tau);
  return logSumExp(state.pass.map((l, k) => l + w[k]!));
}

/** Rounds stored log-likelihood ratios: 1e-6 in log space is far below any boundary's meaning and keeps the JSON small. */
export function compactEProcess(state: EProcessState): EProcessState {
  const r = (v: number): number => Math.round(v * 1e6) / 1e6;
  return {
    fail: state.fail.map((c) => ({ from: c.from, logWeight: c.logWeight, logLR: c.logLR ? c.logLR.map(r) : null, effect: [r(c.effect[0]), r(c.effect[1])] })),
    unstartedLogWeight: state.unstartedLogWeight,
    pass: state.pass.map(r),
    crossedAt: state.crossedAt,
    maxLogE: r(state.maxLogE),
  };
}
