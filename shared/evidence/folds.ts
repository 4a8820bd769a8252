// Folding a look's new intervals into a unit's test: the count tests (two rates, one rate against a
// threshold), tempered for overdispersion and capped per interval, and the sign tests of quantiles.
import type { MetricModel } from '../domain/metrics.ts';
import { limitFor } from '../gates/evaluate.ts';
import type { Gate } from '../gates/types.ts';
import { foldIncrements } from './eprocess.ts';
import { EFFECT_GRID } from './grid.ts';
import { oneRateIncrements, signIncrements, twoRateIncrements } from './increments.ts';
import type { TestKind, TestState } from './state.ts';
import { intervalResidual, mantelHaenszelTerms, strataOf } from './strata.ts';
import { thinBias } from './thinQuantile.ts';
import { counted, type CellPair, type CohortInterval, type UnitInterval } from './units.ts';

/** Pearson residuals are shrunk towards Poisson behaviour by this many pseudo-intervals. */
const DISPERSION_PRIOR = 3;
/** A count test decides only once this many intervals have shown how noisy the counts are. */
export const MIN_INTERVALS_FOR_DISPERSION = 10;

/**
 * The failure side's null ratio for a margin r0 (a ratio of counted rates, either side of 1): that
 * share of the tolerance on the log scale (JudgeOptions.failNullShare, README ▸ "Where the failure
 * side's null sits").
 */
const failNullOf = (r0: number, ctx: FoldContext): number => Math.pow(r0, ctx.failNullShare);

export function testKindFor(gate: Gate, model: MetricModel): TestKind {
  if (model.kind === 'rate') return gate.kind === 'threshold' ? 'one_rate' : 'two_rate';
  return gate.kind === 'threshold' ? 'one_sign' : 'sign';
}


/** +1 when a higher counted rate (or a higher value) is the bad direction. */
export function badSign(gate: Gate, model: MetricModel): 1 | -1 {
  const badUp = gate.op === 'lte';
  return (model.kind === 'rate' && model.counts === 'complement' ? !badUp : badUp) ? 1 : -1;
}

export interface FoldContext {
  gate: Gate;
  model: MetricModel;
  sign: 1 | -1;
  stageStartedAt: number;
  temper: boolean;
  failNullShare: number;
  /** The bound on a thin quantile's bias, in one request's noise (thinQuantile.ts ▸ QUANTILE_BIAS_BOUND); 0 only in the negative control. */
  quantileBias: number;
}

/** The margin of a two-rate test as a ratio of counted rates, at a baseline value (in the metric's units). */
export function marginAt(gate: Gate, model: MetricModel, baselineValue: number | null): number | null {
  if (gate.kind === 'relative' && !(model.kind === 'rate' && model.counts === 'complement')) return gate.factor;
  if (baselineValue === null) return null;
  const limit = limitFor(gate, baselineValue);
  if (limit === null) return null;
  const r0 = counted(model, limit) / counted(model, baselineValue);
  return Number.isFinite(r0) && r0 > 0 ? r0 : null;
}

/** The same at the baseline seen so far; null before it has shown an event. */
export function rateMargin(ctx: FoldContext, baselineEvents: number, baselineTrials: number): number | null {
  const seen = baselineTrials > 0 && baselineEvents > 0 ? (100 * baselineEvents) / baselineTrials : null;
  return marginAt(ctx.gate, ctx.model, seen === null ? null : counted(ctx.model, seen));
}

export function foldTwoRate(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext): number | null {
  const pairs = intervals.filter((i) => i.canary && i.baseline && i.canary.trials > 0 && i.baseline.trials > 0);
  const s = test.sums;
  let ce = s.canaryEvents, ct = s.canaryTrials, be = s.baselineEvents, bt = s.baselineTrials;
  for (const p of pairs) {
    ce += p.canary!.events;
    ct += p.canary!.trials;
    be += p.baseline!.events;
    bt += p.baseline!.trials;
  }
  const r0 = rateMargin(ctx, be, bt);
  if (r0 === null) {
    // No baseline events yet to set a margin in points: keep the sums, fold nothing.
    Object.assign(s, { canaryEvents: ce, canaryTrials: ct, baselineEvents: be, baselineTrials: bt, pairs: s.pairs + pairs.length });
    // Where the traffic counted here began (needs.ts ▸ pairedMinutes); lastT, which sets the row's
    // length for the evidence cap, waits for an interval that is folded.
    s.firstT ??= pairs[0]?.t ?? null;
    return null;
  }
  // Dispersion from each interval's residual at the ratio estimated so far, this look's intervals
  // included: a burst in one cohort inflates it at once (by at most the clip), before it can decide.
  const rHat = stratifiedRatio(test, pairs) ?? r0;
  const clip = residualClip(s);
  for (const p of pairs) {
    const residual = intervalResidual(strataOf(p), rHat);
    if (residual !== null) addResidual(s, residual, clip);
  }
  const failNull = failNullOf(r0, ctx);
  foldCounts(
    test,
    pairs,
    ctx,
    (p, side, sign, out) => stratifiedIncrements(p, side === 'fail' ? failNull : r0, sign, out),
    mantelHaenszel,
  );
  s.canaryEvents = ce;
  s.canaryTrials = ct;
  s.baselineEvents = be;
  s.baselineTrials = bt;
  return r0;
}

/** One stratum's increments, reused: folding is synchronous. */
const stratumIncrements = new Float64Array(EFFECT_GRID.length);

/** An interval's two-rate increments against the ratio r0, summed over its strata; false when no stratum has an event (a likelihood ratio of 1). */
function stratifiedIncrements(p: UnitInterval, r0: number, sign: 1 | -1, out: Float64Array): boolean {
  out.fill(0);
  let any = false;
  for (const c of strataOf(p)) {
    if (!(c.canary.events + c.baseline.events > 0)) continue;
    twoRateIncrements(c.canary.events, c.canary.trials, c.baseline.events, c.baseline.trials, r0, sign, stratumIncrements);
    for (let k = 0; k < out.length; k += 1) out[k]! += stratumIncrements[k]!;
    any = true;
  }
  return any;
}

/** An interval's Mantel-Haenszel terms over its strata. */
const mantelHaenszel = (p: UnitInterval): [number, number] => mantelHaenszelTerms(strataOf(p));

/**
 * The common ratio so far: the Mantel-Haenszel sums of the test's earliest component (which has
 * folded every interval since the test began) and this look's; null before either cohort's events.
 */
function stratifiedRatio(test: TestState, pairs: readonly UnitInterval[]): number | null {
  const since = test.eprocess.fail[0]?.effect ?? [0, 0];
  let num = since[0];
  let den = since[1];
  for (const p of pairs) {
    const [a, b] = mantelHaenszel(p);
    num += a;
    den += b;
  }
  return num > 0 && den > 0 ? num / den : null;
}

type Increments = (i: UnitInterval, side: 'fail' | 'pass', sign: 1 | -1, out: Float64Array) => boolean;

/**
 * Folds a count test's intervals, tempered by the dispersion seen (this look's included) and capped
 * per interval; `increments` writes an interval's log-LRs for one side, or returns false when it has
 * none (a likelihood ratio of 1); `effect` is the interval's share of the effect estimate.
 */
function foldCounts(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext, increments: Increments, effect: (i: UnitInterval) => [number, number]): void {
  const s = test.sums;
  const phi = ctx.temper ? dispersionOf(s.residualSq, s.residualCount) : 1;
  const failInc = new Float64Array(EFFECT_GRID.length);
  const passInc = new Float64Array(EFFECT_GRID.length);
  for (const i of intervals) {
    const cap = intervalCap(s, i.t);
    const fails = increments(i, 'fail', ctx.sign, failInc);
    const passes = increments(i, 'pass', ctx.sign === 1 ? -1 : 1, passInc);
    if (fails || passes) {
      if (!fails) failInc.fill(0);
      if (!passes) passInc.fill(0);
      temper(failInc, phi, ctx.temper, oneCanaryEvent(i, ctx) ? Number.POSITIVE_INFINITY : cap);
      temper(passInc, phi, ctx.temper, cap);
      foldIncrements(test.eprocess, i.t, failInc, passInc, effect(i));
    }
    s.pairs += 1;
    noteTime(s, i.t);
  }
}

export function foldOneRate(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext): number | null {
  const gate = ctx.gate;
  if (gate.kind !== 'threshold') return null;
  const p0 = counted(ctx.model, gate.value) / 100;
  const s = test.sums;
  const points = intervals.filter((i) => i.canary && i.canary.trials > 0);
  const failNull = thresholdFailNull(p0, s.baselineEvents, s.baselineTrials, ctx);
  for (const i of intervals) {
    if (i.baseline) {
      s.baselineEvents += i.baseline.events;
      s.baselineTrials += i.baseline.trials;
    }
  }
  let ce = s.canaryEvents, ct = s.canaryTrials;
  for (const p of points) {
    ce += p.canary!.events;
    ct += p.canary!.trials;
  }
  const pHat = ct > 0 && ce > 0 ? ce / ct : p0;
  const clip = residualClip(s);
  for (const p of points) {
    const n = p.canary!.trials;
    if (pHat <= 0 || pHat >= 1) continue;
    addResidual(s, (p.canary!.events - n * pHat) ** 2 / (n * pHat * (1 - pHat)), clip);
  }
  foldCounts(
    test,
    points,
    ctx,
    (p, side, sign, out) => {
      if (side === 'fail' && failNull !== null && p.baseline && p.baseline.trials > 0) return stratifiedIncrements(p, failNull, sign, out);
      oneRateIncrements(p.canary!.events, p.canary!.trials, p0, sign, out);
      return true;
    },
    (p) => [p.canary!.events, p.canary!.trials],
  );
  s.canaryEvents = ce;
  s.canaryTrials = ct;
  return p0;
}

/**
 * A threshold's failure side, where the baseline runs beside the canary: "worse than the baseline by
 * half the room the threshold leaves it" (a ratio of rates, at the stage's baseline seen before this
 * look, so the null is fixed before the intervals it judges), and a halt also needs the canary's rate
 * past the threshold. A canary as good as its baseline is then halted at most α of the time, however
 * near the threshold both sit. Null (judge against the threshold itself) until the stage's baseline
 * has shown an event, and for intervals without a baseline.
 */
function thresholdFailNull(p0: number, baselineEvents: number, baselineTrials: number, ctx: FoldContext): number | null {
  if (!(baselineEvents > 0 && baselineTrials > 0)) return null;
  const room = p0 / (baselineEvents / baselineTrials);
  return ctx.sign * Math.log(room) > 0 ? failNullOf(room, ctx) : 1;
}

export function foldSigns(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext): number {
  const s = test.sums;
  const oneSample = test.kind === 'one_sign';
  const failInc = new Float64Array(EFFECT_GRID.length);
  const passInc = new Float64Array(EFFECT_GRID.length);
  for (const i of intervals) {
    if (i.baseline) {
      s.baselineTrials += i.baseline.trials;
      s.baselineLog += i.baseline.logSum;
    }
    if (!i.canary || (!oneSample && !i.baseline)) continue;
    const c = logValue(i.canary);
    const baselineLog = oneSample ? null : logValue(i.baseline!);
    const limit = limitFor(ctx.gate, baselineLog === null ? null : Math.exp(baselineLog));
    s.canaryTrials += i.canary.trials;
    s.canaryLog += i.canary.logSum;
    if (limit === null || !(limit > 0)) continue;
    const d = ctx.sign * (c - Math.log(limit));
    const cap = intervalCap(s, i.t);
    s.pairs += 1;
    noteTime(s, i.t);
    s.diffSum += d;
    s.diffSq += d * d;
    if (d === 0) continue;
    const y = d > 0 ? 1 : 0;
    if (y === 1) s.bad += 1;
    else s.good += 1;
    const effect = !oneSample && i.cells ? cellSigns(i.cells, ctx, cap, failInc) : unitSign(i, c, baselineLog, limit, y, ctx, failInc);
    const bias = thinBias(s, i.canary, oneSample ? null : i.baseline, ctx);
    if (bias === null) passInc.fill(0);
    else {
      const passY = d + bias > 0 ? 1 : 0;
      s.passSigned += 1;
      s.passBad += passY;
      signIncrements(passY, -1, passInc);
    }
    foldIncrements(test.eprocess, i.t, failInc, passInc, effect);
  }
  return 0.5;
}

const logValue = (c: CohortInterval): number => c.logSum / c.trials;

/**
 * A sample quantile of few requests is biased (an upper quantile low, a lower one high), the more so
 * the fewer. Comparing cohorts, that bias favours the smaller one. A failure-side sign is formed only
 * where it favours the canary — so it can only make the canary look better — and never where the
 * canary stands on more requests than its baseline and would be failed for the baseline's few.
 */
function biasAway(ctx: FoldContext, canaryRequests: number, baselineRequests: number): boolean {
  if (ctx.model.kind !== 'quantile' || canaryRequests === baselineRequests) return true;
  const canaryLooks = (canaryRequests < baselineRequests ? -1 : 1) * (ctx.model.q > 0.5 ? 1 : -1);
  return ctx.sign * canaryLooks < 0;
}

/** The failure side's limit on the log scale: past the limit at half the tolerance (log scale), as for rates. */
function failLimitOf(limit: number, baselineLog: number | null, ctx: FoldContext): number {
  return baselineLog === null ? Math.log(limit) : baselineLog + ctx.failNullShare * (Math.log(limit) - baselineLog);
}

/** The unit's own sign on the failure side (none where its bias could favour the baseline); its effect is the sign past the whole limit. */
function unitSign(i: UnitInterval, c: number, baselineLog: number | null, limit: number, y: 0 | 1, ctx: FoldContext, out: Float64Array): [number, number] {
  if (baselineLog !== null && !biasAway(ctx, i.canary!.trials, i.baseline!.trials)) {
    out.fill(0);
    return [0, 0];
  }
  signIncrements(ctx.sign * (c - failLimitOf(limit, baselineLog, ctx)) > 0 ? 1 : 0, 1, out);
  return [y, 1];
}

/** One cell's increments, reused: folding is synchronous and this runs once per cell and interval. */
const cellIncrements = new Float64Array(EFFECT_GRID.length);

/**
 * The failure side from the unit's cells, each against its own baseline: under the null each cell's
 * sign is past its limit with chance ≤ ½, independently (disjoint requests), so their increments add.
 * A pooled value gains at most log 2 an interval however clear the regression; its cells gain that
 * each, capped per interval as counts are (intervalCap), so one bad minute in
 * every cell still cannot decide. The effect is the share of cells past their whole limit.
 */
function cellSigns(cells: readonly CellPair[], ctx: FoldContext, cap: number, out: Float64Array): [number, number] {
  out.fill(0);
  let bad = 0;
  let signed = 0;
  for (const cell of cells) {
    if (!biasAway(ctx, cell.canary.trials, cell.baseline.trials)) continue;
    const c = logValue(cell.canary);
    const baselineLog = logValue(cell.baseline);
    const limit = limitFor(ctx.gate, Math.exp(baselineLog));
    if (limit === null || !(limit > 0)) continue;
    const d = ctx.sign * (c - Math.log(limit));
    const f = ctx.sign * (c - failLimitOf(limit, baselineLog, ctx));
    if (f !== 0) {
      signIncrements(f > 0 ? 1 : 0, 1, cellIncrements);
      for (let k = 0; k < out.length; k += 1) out[k]! += cellIncrements[k]!;
    }
    if (d !== 0) {
      signed += 1;
      if (d > 0) bad += 1;
    }
  }
  temper(out, 1, ctx.temper, cap);
  return [bad, signed];
}

/** The unit's first and last interval times; a backfilled interval (metrics/backfilled.ts) may come after a later one. */
function noteTime(s: TestState['sums'], t: number): void {
  s.firstT = s.firstT === null ? t : Math.min(s.firstT, t);
  s.lastT = s.lastT === null ? t : Math.max(s.lastT, t);
}

/**
 * A squared Pearson residual counts at most this many times the dispersion seen before the look: the
 * 0.999 quantile of χ²₁. Overdispersed noise (a residual of φ·χ²₁) is clipped once in a thousand
 * intervals, but one broken interval — a scrape that reported no baseline errors in a minute of
 * thousands of requests, a residual of hundreds — no longer inflates φ, and so tempers every later
 * interval, for the rest of the rollout. That interval's own evidence is bounded by the cap below.
 */
const RESIDUAL_CLIP = 10.827566170662733;

const residualClip = (s: TestState['sums']): number => RESIDUAL_CLIP * dispersionOf(s.residualSq, s.residualCount);

function addResidual(s: TestState['sums'], residualSq: number, clip: number): void {
  s.residualSq += Math.min(residualSq, clip);
  s.residualCount += 1;
}

/** Variance inflation, never below 1: tempering a likelihood ratio by 1/φ keeps it a supermartingale (Jensen). */
export function dispersionOf(residualSq: number, residualCount: number): number {
  return Math.max(1, (residualSq + DISPERSION_PRIOR) / (residualCount + DISPERSION_PRIOR));
}

/**
 * At most this much log-evidence from a minute's interval. min(LR, e^c) ≤ LR keeps the supermartingale
 * under the model; beyond it (a zero-inflated minute, a burst in one cohort) no single interval can decide.
 */
export const MAX_LOG_EVIDENCE_PER_INTERVAL = 1.5;

const MINUTE_MS = 60_000;

/** A row counts for at most this many minutes toward its interval's cap. */
const MAX_CAPPED_MINUTES = 2;

/**
 * One interval's cap: MAX_LOG_EVIDENCE_PER_INTERVAL for each minute a row of the unit's source covers
 * — the shortest spacing of its intervals so far, this one's included, so never more than the minutes
 * since the previous interval — up to two minutes (3 nats, under half the smallest default boundary
 * of 6.4): a source with rows of five minutes is not held to a fifth of the evidence a minute, and
 * one row still cannot decide alone. Updates the unit's spacing.
 */
function intervalCap(s: TestState['sums'], t: number): number {
  if (s.lastT !== null && t > s.lastT) s.rowMs = Math.min(s.rowMs ?? Number.POSITIVE_INFINITY, t - s.lastT);
  const minutes = Math.max(1, (s.rowMs ?? MINUTE_MS) / MINUTE_MS);
  return MAX_LOG_EVIDENCE_PER_INTERVAL * Math.min(minutes, MAX_CAPPED_MINUTES);
}

/**
 * An interval whose canary shows at most one event, where more events are worse, is not capped on
 * the failure side: one event's log-likelihood ratio at an effect δ is at most δ (conditional on the
 * interval's events, π₁/π₀ ≤ e^δ; against a threshold, likewise), so it is already bounded by what a
 * single event can show, and one event is not a burst or a cohort that reported nothing — the cap's
 * reasons. Capped, each of a rare metric's events (a crashed user among a few canary users a minute)
 * counted for 1.5 nats whatever the ratio, and a small segment ten times worse than its baseline was
 * held past 5 %. An interval of more canary events is capped as before, however broken.
 */
function oneCanaryEvent(i: UnitInterval, ctx: FoldContext): boolean {
  return ctx.sign === 1 && i.canary !== null && i.canary.events <= 1 + 1e-9;
}

function temper(inc: Float64Array, phi: number, robust: boolean, cap: number): void {
  if (!robust) return;
  for (let k = 0; k < inc.length; k += 1) inc[k] = Math.min(inc[k]! / phi, cap);
}
