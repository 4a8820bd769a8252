// How much a low-exposure regression showed at all: the counts the truth's unit gathered after the
// onset while exposure was ≤ 5 %, judged by an oracle that knows the onset and the unit and looks
// once (a fixed-sample z of the log rate ratio, Poisson variance; and, valid on healthy rollouts
// where that one is not, a score z with each interval conditioned on its total over √ of the
// intervals' dispersion). No sequential test at the gate's
// α can reliably catch what this oracle barely sees, so the bench splits its misses by it: a miss
// with a large oracle z is the design's to answer for; one with a small z is the data's.
import { METRICS, type Cohort } from '../../domain/metrics.ts';
import { planBudget, unitAlpha } from '../../evidence/budget.ts';
import { unitKey } from '../../evidence/units.ts';
import { badSign } from '../../evidence/folds.ts';
import { intervalResidual, mantelHaenszelTerms, stratumScore } from '../../evidence/strata.ts';
import type { CellPair } from '../../evidence/units.ts';
import { DEFAULT_JUDGE_OPTIONS } from '../../evidence/options.ts';
import { normalSf } from '../../judge/normal.ts';
import { LOW_EXPOSURE_PCT } from './score.ts';
import type { Gate } from '../../gates/types.ts';
import type { Scenario, SegmentDimension } from './types.ts';

export interface LowExposureInformation {
  /** Canary events counted (crashes for crash-free users) after the onset at ≤ 5 %. */
  canaryEvents: number;
  /** The oracle's z in the bad direction (positive = the canary looks worse); null where it cannot be formed. */
  z: number | null;
  /** The failure-side α the guard gives the truth's unit (its total, or its segment) under the plan's split. */
  unitAlpha: number;
  /**
   * The oracle rejects at that α (one-sided, null at equality): a ceiling, not a target. For a
   * Gaussian statistic, no test at α — sequential or not, knowing the onset or not — has more power
   * with the same data than the one-look test at the end of it, so a regression the oracle does not
   * reject here is one no valid guard at the promised α catches reliably at ≤ 5 %.
   */
  withinReach: boolean | null;
  /**
   * How much noisier than Poisson the unit's counts were from one interval to the next: the Pearson
   * dispersion of each interval's canary events given its total, at the intervals' common
   * (Mantel-Haenszel) ratio (1 at least; null with fewer than two intervals with events).
   */
  dispersion: number | null;
  /**
   * The same one look in the guard's own model, and whether it rejects at the unit's α: the score z
   * of each interval's canary events conditioned on its total, over √dispersion (quasi-Poisson). The
   * pooled Poisson z counts every event as independent evidence and weighs an incident by each
   * cohort's traffic at the time; on healthy rollouts it strays far past its level, where this one
   * keeps it (test/shared/scenarioInformation.test.ts), so this ceiling is the one a valid guard can
   * be held to.
   */
  zQuasi: number | null;
  withinReachQuasi: boolean | null;
}

/** Σ (x_c − x p)² / (x p (1 − p)) / (m − 1) over the m intervals with events (each one stratum), p the canary's expected share at `ratio`. */
export function intervalDispersion(intervals: readonly CellPair[], ratio: number): number | null {
  let sum = 0;
  let m = 0;
  for (const i of intervals) {
    const residual = intervalResidual([i], ratio);
    if (residual === null) continue;
    sum += residual;
    m += 1;
  }
  return m < 2 ? null : Math.max(1, sum / (m - 1));
}

/** Null for quantile metrics (no counts) and for anything but a beyond-tolerance regression begun at ≤ 5 %. */
export function lowExposureInformation(s: Scenario): LowExposureInformation | null {
  const { truth } = s;
  if (truth.kind !== 'regression' || !truth.beyondTolerance || truth.onsetExposure > LOW_EXPOSURE_PCT || !truth.metric) return null;
  const gate = s.plan.stages.flatMap((st) => st.gates).find((g) => g.metric === truth.metric);
  if (!gate) return null;
  const look = lowExposureLook(s, gate, truth.onsetT, truth.segment ?? null);
  if (!look) return null;
  const alpha = alphaOfTruthUnit(s, gate);
  const { canaryEvents, z, dispersion, zQuasi } = look;
  const reach = (x: number | null) => (x === null ? null : normalSf(x) <= alpha);
  return { canaryEvents, z, unitAlpha: alpha, withinReach: reach(z), dispersion, zQuasi, withinReachQuasi: reach(zQuasi) };
}

export interface OneLook {
  canaryEvents: number;
  z: number | null;
  dispersion: number | null;
  zQuasi: number | null;
}

/**
 * The one-look oracle on a gate's unit (its total, or one segment): the counts of its cells after
 * `from` while exposure was ≤ 5 %, as a Poisson z of the log rate ratio in the bad direction and as
 * the quasi-Poisson z. Null for quantile metrics (no counts).
 */
export function lowExposureLook(s: Scenario, gate: Gate, from: number, segment: { dimension: SegmentDimension; key: string } | null): OneLook | null {
  const model = METRICS[gate.metric].model;
  if (model.kind !== 'rate') return null;
  const complement = model.counts === 'complement';
  const schedule = [...s.schedule].sort((a, b) => a.t - b.t);
  const exposureAt = (t: number): number => {
    let stage = schedule[0]?.stage ?? 0;
    for (const row of schedule) if (row.t < t) stage = row.stage;
    return s.plan.stages[stage]?.exposure ?? 100;
  };
  const byInterval = new Map<number, CellPair>();
  for (const r of s.rows) {
    if (r.metric !== gate.metric || r.t <= from || r.value === null || !Number.isFinite(r.value) || !(r.weight > 0)) continue;
    // Cells only: total rows repeat what the cells hold.
    if (!r.region && !r.device && !r.tenant) continue;
    if (segment && r[segment.dimension] !== segment.key) continue;
    if (exposureAt(r.t) > LOW_EXPOSURE_PCT) continue;
    const events = ((complement ? 100 - r.value : r.value) * r.weight) / 100;
    const interval = byInterval.get(r.t) ?? { canary: { events: 0, trials: 0, logSum: 0, rows: 0 }, baseline: { events: 0, trials: 0, logSum: 0, rows: 0 } };
    byInterval.set(r.t, interval);
    interval[r.cohort].events += events;
    interval[r.cohort].trials += r.weight;
  }
  const intervals = [...byInterval.values()];
  const total = (cohort: Cohort, key: 'events' | 'trials') => intervals.reduce((sum, i) => sum + i[cohort][key], 0);
  const [ce, ct, be, bt] = [total('canary', 'events'), total('canary', 'trials'), total('baseline', 'events'), total('baseline', 'trials')];
  if (!(ce > 0 && be > 0 && ct > 0 && bt > 0)) return { canaryEvents: ce, z: null, dispersion: null, zQuasi: null };
  const sign = badSign(gate, model);
  const z = (sign * Math.log(ce / ct / (be / bt))) / Math.sqrt(1 / ce + 1 / be);
  // Each interval is one stratum of the guard's count model: its MH ratio, its dispersion, and the
  // score of ratio 1 with each interval conditioned on its total — where pooling the window's counts
  // first weighs an incident by each cohort's traffic at the time, and the exposure changes under it.
  const [num, den] = mantelHaenszelTerms(intervals);
  const dispersion = intervalDispersion(intervals, num > 0 && den > 0 ? num / den : 1);
  const { u, v } = stratumScore(intervals, 1);
  return { canaryEvents: ce, z, dispersion, zQuasi: dispersion === null || !(v > 0) ? null : (sign * u) / Math.sqrt(dispersion * v) };
}

/** The guard's split (evidence/budget.ts) for the truth's unit, with the segments the recording shows for the gate. */
function alphaOfTruthUnit(s: Scenario, gate: Gate): number {
  const labels = new Set<string>();
  for (const r of s.rows) if (r.metric === gate.metric) for (const d of gate.segments) if (r[d]) labels.add(unitKey(d, r[d]));
  const shape = { gates: planBudget(s.plan.stages).gates, hasSegments: gate.segments.length > 0, segmentsSeen: labels.size };
  return unitAlpha(s.plan.judge ?? DEFAULT_JUDGE_OPTIONS, shape, s.truth.segment ? 'segment' : 'total');
}
