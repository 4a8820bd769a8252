// One look of the guard at one gate: fold the intervals that arrived since the last look into each
// unit's test (the total and every segment), then read the outcomes off the e-processes.
import { METRICS, type MetricModel } from '../domain/metrics.ts';
import { limitFor } from '../gates/evaluate.ts';
import { settledAt, type Check, type Gate, type GateResult, type Outcome, type SegmentCheck } from '../gates/types.ts';
import { unitAlpha } from './budget.ts';
import { causeOf, estimatePastMargin, type RestOfGate } from './cause.ts';
import { carryEProcess, cloneEProcess, compactEProcess, failSide, newEProcess, passLogE } from './eprocess.ts';
import { badSign, dispersionOf, foldOneRate, foldSigns, foldTwoRate, MIN_INTERVALS_FOR_DISPERSION, rateMargin, testKindFor, type FoldContext } from './folds.ts';
import { noteSpread, QUANTILE_BIAS_BOUND } from './thinQuantile.ts';
import type { JudgeOptions } from './options.ts';
import { minutesToPass, pairedMinutes } from './needs.ts';
import { emptySums, type TestKind, type TestState } from './state.ts';
import { gateSummary, warmupSummary } from './summary.ts';
import { comparedOnCells, counted, splitUnitKey, TOTAL, unitIntervals, unitKey, type ObservationAt, type SampleBlocks, type UnitInterval } from './units.ts';

export interface GateLook {
  gate: Gate;
  /** Observations that arrived since the last look (t in (foldedUntil, lookAt]). */
  observations: readonly ObservationAt[];
  /** This gate's tests after the previous look; undefined at the stage's first. */
  tests: Readonly<Record<string, TestState>> | undefined;
  stageStartedAt: number;
  lookAt: number;
  /** Distinct gates of the plan's gated stages (the α split), and how many stages are gated (the start-time mixture). */
  budget: { gates: number; gatedStages: number };
  options: JudgeOptions;
  /** Allow for overdispersion and cap each interval's evidence (default). Off only in the negative control that shows why it is on. */
  temper?: boolean;
  /** How intervals are pooled (units.ts ▸ SAMPLE_BLOCK_MS); absent: each interval as it came. */
  blocks?: SampleBlocks;
  /** The bound on a thin quantile's bias (thinQuantile.ts ▸ QUANTILE_BIAS_BOUND, the default); 0 only in the negative control that shows why it is there. */
  quantileBias?: number;
}

export interface GateLookResult {
  result: GateResult;
  tests: Record<string, TestState>;
}

const cloneTest = (t: TestState): TestState => ({
  kind: t.kind,
  sums: { ...t.sums },
  carriedEvidence: t.carriedEvidence,
  eprocess: cloneEProcess(t.eprocess),
});

/**
 * A gate's tests as they enter a new stage: the failure side and the dispersion seen go on, with this
 * stage's start-time components added; the stage's own sums and pass side start afresh.
 */
export function carryTests(previous: Readonly<Record<string, TestState>>, stageStartedAt: number, gatedStages: number): Record<string, TestState> {
  return Object.fromEntries(
    Object.entries(previous).map(([key, t]) => {
      const { residualSq, residualCount, rowMs, spreadSq, spreadInverse, spreadPairs, spreadLast, spreadLastTrials } = t.sums;
      const sums = { ...emptySums(), residualSq, residualCount, rowMs, spreadSq, spreadInverse, spreadPairs, spreadLast, spreadLastTrials };
      const carried = t.carriedEvidence + failEvidenceOf(t);
      return [key, { kind: t.kind, sums, carriedEvidence: carried, eprocess: carryEProcess(t.eprocess, stageStartedAt, gatedStages) }];
    }),
  );
}

/** Expected canary events (rates: canary trials at the baseline's rate) or intervals judged (quantiles). */
function evidenceOf(test: TestState, margin: number | null): number {
  const s = test.sums;
  if (test.kind === 'sign' || test.kind === 'one_sign') return s.bad + s.good;
  if (test.kind === 'one_rate') return s.canaryTrials * (margin ?? 0);
  return s.baselineTrials > 0 ? (s.canaryTrials * s.baselineEvents) / s.baselineTrials : 0;
}

/**
 * What a failure must stand on: the canary events seen (rates) — the events that show a regression,
 * not those expected at the margin, which a small canary far past a threshold never reaches — or the
 * intervals judged (quantiles).
 */
function failEvidenceOf(test: TestState): number {
  return test.kind === 'two_rate' || test.kind === 'one_rate' ? test.sums.canaryEvents : evidenceOf(test, null);
}

function estimateOf(test: TestState): number | null {
  const s = test.sums;
  if (test.kind === 'sign' || test.kind === 'one_sign') return s.bad + s.good > 0 ? s.bad / (s.bad + s.good) : null;
  if (test.kind === 'one_rate') return s.canaryTrials > 0 ? s.canaryEvents / s.canaryTrials : null;
  return s.canaryTrials > 0 && s.baselineTrials > 0 && s.baselineEvents > 0 ? s.canaryEvents / s.canaryTrials / (s.baselineEvents / s.baselineTrials) : null;
}

function pooledValues(test: TestState, model: MetricModel): { canary: number | null; baseline: number | null } {
  const s = test.sums;
  if (model.kind !== 'rate') {
    return { canary: s.canaryTrials > 0 ? Math.exp(s.canaryLog / s.canaryTrials) : null, baseline: s.baselineTrials > 0 ? Math.exp(s.baselineLog / s.baselineTrials) : null };
  }
  const back = (events: number, trials: number): number | null => (trials > 0 ? counted(model, (100 * events) / trials) : null);
  return { canary: back(s.canaryEvents, s.canaryTrials), baseline: back(s.baselineEvents, s.baselineTrials) };
}

interface UnitVerdict {
  check: Check;
  test: TestState;
}

function judgeUnit(test: TestState, margin: number | null, alpha: number, look: GateLook, model: MetricModel): UnitVerdict {
  const { options, gate, lookAt } = look;
  const sign = badSign(gate, model);
  const { logE, lead } = failSide(test.eprocess, options.tau);
  const pLogE = passLogE(test.eprocess, options.tau);
  const boundary = Math.log(1 / alpha);
  const passBoundary = Math.log(1 / options.passAlpha);
  const evidence = evidenceOf(test, margin);
  const rates = test.kind === 'two_rate' || test.kind === 'one_rate';
  const dispersionSeen = !rates || test.sums.residualCount >= MIN_INTERVALS_FOR_DISPERSION;
  const enough = evidence >= options.minEvidence && dispersionSeen;
  // The failure side runs over the rollout: evidence from earlier stages counts toward its minimum.
  const enoughToFail = failEvidenceOf(test) + test.carriedEvidence >= options.minEvidence && dispersionSeen;
  const ep = test.eprocess;
  ep.maxLogE = Math.max(ep.maxLogE, logE);
  // The leading component's effect (its two sums' ratio, null before it has any) must be past the
  // margin too: the test shows the canary worse than its baseline, this that it is worse by more than
  // the gate tolerates.
  const failEffect = lead && lead.effect[1] > 0 ? lead.effect[0] / lead.effect[1] : null;
  const effectPast = failEffect !== null && margin !== null && estimatePastMargin(test.kind, failEffect, margin, sign);
  let heldBack: 'effect' | 'evidence' | null = null;
  if (ep.crossedAt === null && logE >= boundary) {
    if (!enoughToFail) heldBack = 'evidence';
    else if (!effectPast) heldBack = 'effect';
    else ep.crossedAt = lookAt;
  }
  const s = test.sums;
  let outcome: Outcome;
  if (ep.crossedAt !== null) outcome = 'fail';
  else if (s.pairs === 0) outcome = 'no_data';
  else if (enough && pLogE >= passBoundary && s.canaryTrials >= gate.minSamples) outcome = 'pass';
  else outcome = 'inconclusive';
  const values = pooledValues(test, model);
  const limit = gate.kind === 'threshold' ? gate.value : limitFor(gate, values.baseline);
  const estimate = estimateOf(test);
  const phi = test.kind === 'two_rate' || test.kind === 'one_rate' ? dispersionOf(s.residualSq, s.residualCount) : 1;
  const minutes = pairedMinutes(s, look.stageStartedAt, lookAt);
  const needs =
    outcome === 'inconclusive'
      ? minutesToPass({ test, margin, estimate, sign, dispersion: phi, passBoundary, minEvidence: options.minEvidence, evidence, minSamples: gate.minSamples, elapsedMinutes: minutes })
      : { minutes: 0, why: outcome === 'no_data' ? 'no data yet' : 'decided', kind: 'waits' as const };
  return {
    test: { ...test, eprocess: compactEProcess(ep) },
    check: {
      outcome,
      canary: values.canary,
      baseline: gate.kind === 'threshold' ? null : values.baseline,
      limit,
      canarySamples: s.canaryTrials,
      baselineSamples: s.baselineTrials,
      unpaired: s.unpaired,
      evidence: {
        test: test.kind,
        alpha,
        logE,
        maxLogE: ep.maxLogE,
        boundary,
        passLogE: pLogE,
        passBoundary,
        evidence,
        minEvidence: options.minEvidence,
        estimate,
        margin,
        dispersion: phi,
        crossedAt: ep.crossedAt,
        failEffect,
        heldBack,
        needs,
      },
    },
  };
}

/** An interval with one cohort's rows and not the other's, or both in no shared cell: the unit can compare nothing there. */
function countUnpaired(test: TestState, i: UnitInterval): void {
  const u = test.sums.unpaired;
  if (i.apart) {
    test.sums.unpaired = { ...u, apart: u.apart + 1 };
    return;
  }
  const canary = (i.canary?.trials ?? 0) > 0;
  const baseline = (i.baseline?.trials ?? 0) > 0;
  // A cohort on too few requests for the quantile is there: "no canary rows" would be untrue.
  if (canary === baseline || i.thin) return;
  test.sums.unpaired = canary ? { ...u, canary: u.canary + 1 } : { ...u, baseline: u.baseline + 1 };
}

/** The total's stage sums less the segment's, for causeOf (rates only; null where there is no margin yet). */
function restOfGate(tests: Record<string, TestState>, seg: SegmentCheck, margin: number | null, ctx: FoldContext, kind: TestKind): RestOfGate | null {
  const total = tests[TOTAL]?.sums;
  const unit = tests[unitKey(seg.dimension, seg.key)]?.sums;
  if (!total || !unit || margin === null || (kind !== 'two_rate' && kind !== 'one_rate')) return null;
  const less = (k: 'canaryEvents' | 'canaryTrials' | 'baselineEvents' | 'baselineTrials'): number => Math.max(0, total[k] - unit[k]);
  return {
    kind,
    margin,
    failNullShare: ctx.failNullShare,
    dispersion: dispersionOf(total.residualSq, total.residualCount),
    sums: { canaryEvents: less('canaryEvents'), canaryTrials: less('canaryTrials'), baselineEvents: less('baselineEvents'), baselineTrials: less('baselineTrials') },
  };
}

/** Folds the new intervals into the gate's tests and judges the total and each segment. */
export function lookAtGate(look: GateLook): GateLookResult {
  const { gate } = look;
  const model = METRICS[gate.metric].model;
  const kind = testKindFor(gate, model);
  const ctx: FoldContext = {
    gate,
    model,
    sign: badSign(gate, model),
    stageStartedAt: look.stageStartedAt,
    temper: look.temper ?? true,
    failNullShare: look.options.failNullShare,
    quantileBias: look.quantileBias ?? QUANTILE_BIAS_BOUND,
  };
  // A warm-up's rows are left out by their time alone, never by their values: every test stays valid.
  const settled = settledAt(gate, look.stageStartedAt);
  const observations = settled > look.stageStartedAt ? look.observations.filter((o) => o.t > settled) : look.observations;
  const units = unitIntervals(model, observations, gate.segments, look.blocks);
  const tests: Record<string, TestState> = {};
  for (const [key, t] of Object.entries(look.tests ?? {})) tests[key] = cloneTest(t);
  const margins = new Map<string, number | null>();
  for (const key of new Set([TOTAL, ...Object.keys(tests), ...units.keys()])) {
    const test = (tests[key] ??= { kind, sums: emptySums(), carriedEvidence: 0, eprocess: newEProcess(look.stageStartedAt, look.budget.gatedStages) });
    const intervals = units.get(key) ?? [];
    const fold = (some: readonly UnitInterval[]) =>
      kind === 'two_rate' ? foldTwoRate(test, some, ctx) : kind === 'one_rate' ? foldOneRate(test, some, ctx) : foldSigns(test, some, ctx);
    // One interval at a time, as a look a minute folds them: the dispersion, its clip and the pooled
    // ratio each interval is judged by are the data's up to it, so a backfill in one call decides as the
    // same rows pushed minute by minute (and the backtest) do, not later.
    let margin = intervals.length === 0 ? fold(intervals) : null;
    const twoCohorts = kind === 'two_rate' || kind === 'sign';
    for (const raw of intervals) {
      const i = twoCohorts ? comparedOnCells(raw, model) : raw;
      if (twoCohorts) countUnpaired(test, i);
      margin = fold([i]);
      // The noise is read off the unit's own pooled series, whose mix of cells holds still between intervals.
      if (model.kind === 'quantile') noteSpread(test.sums, kind === 'one_sign' ? raw.canary : raw.baseline);
    }
    margins.set(key, margin ?? rateMargin(ctx, test.sums.baselineEvents, test.sums.baselineTrials));
  }
  const segmentKeys = Object.keys(tests).filter((k) => k !== TOTAL).sort();
  const shape = { ...look.budget, hasSegments: gate.segments.length > 0, segmentsSeen: segmentKeys.length };
  const total = judgeUnit(tests[TOTAL]!, margins.get(TOTAL) ?? null, unitAlpha(look.options, shape, 'total'), look, model);
  tests[TOTAL] = total.test;
  const segments: SegmentCheck[] = segmentKeys.map((key) => {
    const judged = judgeUnit(tests[key]!, margins.get(key) ?? null, unitAlpha(look.options, shape, 'segment'), look, model);
    tests[key] = judged.test;
    const [dimension, label] = splitUnitKey(key);
    return { dimension, key: label, ...judged.check };
  });
  const failing = segments.filter((s) => s.outcome === 'fail');
  const outcome: Outcome =
    total.check.outcome === 'fail' || failing.length > 0 ? 'fail' : total.check.outcome === 'pass' ? 'pass' : total.check.outcome === 'no_data' ? 'no_data' : 'inconclusive';
  const cause = causeOf(total.check, segments, ctx.sign, (seg) => restOfGate(tests, seg, margins.get(TOTAL) ?? null, ctx, kind));
  return {
    tests,
    result: {
      gateId: gate.id,
      kind: gate.kind,
      metric: gate.metric,
      outcome,
      summary: outcome === 'no_data' && look.lookAt <= settled ? warmupSummary(gate, settled - look.lookAt) : gateSummary(gate, total.check, failing, cause),
      total: total.check,
      segments,
      cause,
      judge: null,
    },
  };
}
