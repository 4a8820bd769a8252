// A test's e-process, folded one paired observation at a time. The failure side is a mixture over
// start times: a regression that begins an hour into a stage is not diluted by the calm hour before
// it, because a component started after the calm hour sees only the regression. Each component is
// a test supermartingale starting at 1, so the weighted mixture (weights summing to 1) is one too.
import { EFFECT_GRID, logSumExp, priorLogWeights } from './grid.ts';
import type { EProcessState } from './state.ts';

/** Start times of the failure side's components, ms after the stage began, and their weights. */
const START_MINUTES = [0, 15, 45, 120, 360] as const;
const START_LOG_WEIGHTS = START_MINUTES.map((_, j) => Math.log(j === 0 ? 0.5 : 0.5 / (START_MINUTES.length - 1)));

export function newEProcess(): EProcessState {
  return { fail: START_MINUTES.map((m) => ({ from: m * 60_000, logLR: null })), pass: EFFECT_GRID.map(() => 0), crossedAt: null, maxLogE: 0 };
}

/**
 * Adds one observation's increments (already tempered) to every component that has started by the
 * observation's time `sinceStart` (ms after the stage began).
 */
export function foldIncrements(state: EProcessState, sinceStart: number, failInc: Float64Array, passInc: Float64Array): void {
  for (const component of state.fail) {
    if (sinceStart <= component.from) continue;
    const logLR = (component.logLR ??= EFFECT_GRID.map(() => 0));
    for (let k = 0; k < logLR.length; k += 1) logLR[k]! += failInc[k]!;
  }
  for (let k = 0; k < state.pass.length; k += 1) state.pass[k]! += passInc[k]!;
}

/** log of the failure side's e-value: Σ_j ω_j · Σ_k w_k · LR_jk, a component not yet started counting as 1. */
export function failLogE(state: EProcessState, tau: number): number {
  const w = priorLogWeights(tau);
  return logSumExp(state.fail.map((c, j) => START_LOG_WEIGHTS[j]! + (c.logLR ? logSumExp(c.logLR.map((l, k) => l + w[k]!)) : 0)));
}

export function passLogE(state: EProcessState, tau: number): number {
  const w = priorLogWeights(tau);
  return logSumExp(state.pass.map((l, k) => l + w[k]!));
}

/** Rounds stored log-likelihood ratios: 1e-6 in log space is far below any boundary's meaning and keeps the JSON small. */
export function compactEProcess(state: EProcessState): EProcessState {
  const r = (v: number): number => Math.round(v * 1e6) / 1e6;
  return {
    fail: state.fail.map((c) => ({ from: c.from, logLR: c.logLR ? c.logLR.map(r) : null })),
    pass: state.pass.map(r),
    crossedAt: state.crossedAt,
    maxLogE: r(state.maxLogE),
  };
}
