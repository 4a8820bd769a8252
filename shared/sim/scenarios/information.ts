// How much a low-exposure regression showed at all: the counts the truth's unit gathered after the
// onset while exposure was ≤ 5 %, judged by an oracle that knows the onset and the unit and looks
// once (a fixed-sample z of the log rate ratio, Poisson variance). No sequential test at the gate's
// α can reliably catch what this oracle barely sees, so the bench splits its misses by it: a miss
// with a large oracle z is the design's to answer for; one with a small z is the data's.
import { METRICS } from '../../domain/metrics.ts';
import { planBudget, unitAlpha } from '../../evidence/budget.ts';
import { unitKey } from '../../evidence/units.ts';
import { badSign } from '../../evidence/folds.ts';
import { DEFAULT_JUDGE_OPTIONS } from '../../evidence/options.ts';
import { normalSf } from '../../judge/normal.ts';
import { LOW_EXPOSURE_PCT } from './score.ts';
import type { Gate } from '../../gates/types.ts';
import type { Scenario } from './types.ts';

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
}

/** Null for quantile metrics (no counts) and for anything but a beyond-tolerance regression begun at ≤ 5 %. */
export function lowExposureInformation(s: Scenario): LowExposureInformation | null {
  const { truth } = s;
  if (truth.kind !== 'regression' || !truth.beyondTolerance || truth.onsetExposure > LOW_EXPOSURE_PCT || !truth.metric) return null;
  const model = METRICS[truth.metric].model;
  if (model.kind !== 'rate') return null;
  const complement = model.counts === 'complement';
  const gate = s.plan.stages.flatMap((st) => st.gates).find((g) => g.metric === truth.metric);
  if (!gate) return null;
  const schedule = [...s.schedule].sort((a, b) => a.t - b.t);
  const exposureAt = (t: number): number => {
    let stage = schedule[0]?.stage ?? 0;
    for (const row of schedule) if (row.t < t) stage = row.stage;
    return s.plan.stages[stage]?.exposure ?? 100;
  };
  let ce = 0, ct = 0, be = 0, bt = 0;
  for (const r of s.rows) {
    if (r.metric !== truth.metric || r.t <= truth.onsetT || r.value === null || !Number.isFinite(r.value) || !(r.weight > 0)) continue;
    // Cells only: total rows repeat what the cells hold.
    if (!r.region && !r.device && !r.tenant) continue;
    if (truth.segment && r[truth.segment.dimension] !== truth.segment.key) continue;
    if (exposureAt(r.t) > LOW_EXPOSURE_PCT) continue;
    const events = ((complement ? 100 - r.value : r.value) * r.weight) / 100;
    if (r.cohort === 'canary') {
      ce += events;
      ct += r.weight;
    } else {
      be += events;
      bt += r.weight;
    }
  }
  const alpha = alphaOfTruthUnit(s, gate);
  if (!(ce > 0 && be > 0 && ct > 0 && bt > 0)) return { canaryEvents: ce, z: null, unitAlpha: alpha, withinReach: null };
  const logRatio = Math.log(ce / ct / (be / bt));
  const z = (badSign(gate, model) * logRatio) / Math.sqrt(1 / ce + 1 / be);
  return { canaryEvents: ce, z, unitAlpha: alpha, withinReach: normalSf(z) <= alpha };
}

/** The guard's split (evidence/budget.ts) for the truth's unit, with the segments the recording shows for the gate. */
function alphaOfTruthUnit(s: Scenario, gate: Gate): number {
  const labels = new Set<string>();
  for (const r of s.rows) if (r.metric === gate.metric) for (const d of gate.segments) if (r[d]) labels.add(unitKey(d, r[d]));
  const shape = { gates: planBudget(s.plan.stages).gates, hasSegments: gate.segments.length > 0, segmentsSeen: labels.size };
  return unitAlpha(s.plan.judge ?? DEFAULT_JUDGE_OPTIONS, shape, s.truth.segment ? 'segment' : 'total');
}
