// One look of the guard at one gate: fold the intervals that arrived since the last look into each
// unit's test (the total and every segment), then read the outcomes off the e-processes.
import { METRICS, type MetricModel } from '../domain/metrics.ts';
import { limitFor } from '../gates/evaluate.ts';
import type { Check, Dimension, Gate, GateResult, Outcome, SegmentCheck } from '../gates/types.ts';
import { unitAlpha } from './budget.ts';
import { carryEProcess, compactEProcess, failLogE, foldIncrements, newEProcess, passLogE } from './eprocess.ts';
import { EFFECT_GRID } from './grid.ts';
import { oneRateIncrements, signIncrements, twoRateIncrements } from './increments.ts';
import type { JudgeOptions } from './options.ts';
import { minutesToPass } from './needs.ts';
import { emptySums, type TestKind, type TestState } from './state.ts';
import { gateSummary } from './summary.ts';
import { TOTAL, unitIntervals, type ObservationAt, type UnitInterval } from './units.ts';

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
}

export interface GateLookResult {
  result: GateResult;
  tests: Record<string, TestState>;
}

/** Pearson residuals are shrunk towards Poisson behaviour by this many pseudo-intervals. */
const DISPERSION_PRIOR = 3;
/** A count test decides only once this many intervals have shown how noisy the counts are. */
export const MIN_INTERVALS_FOR_DISPERSION = 10;

export function testKindFor(gate: Gate, model: MetricModel): TestKind {
  if (model.kind === 'rate') return gate.kind === 'threshold' ? 'one_rate' : 'two_rate';
  return gate.kind === 'threshold' ? 'one_sign' : 'sign';
}

const counted = (model: MetricModel, value: number): number => (model.kind === 'rate' && model.counts === 'complement' ? 100 - value : value);

/** +1 when a higher counted rate (or a higher value) is the bad direction. */
function badSign(gate: Gate, model: MetricModel): 1 | -1 {
  const badUp = gate.op === 'lte';
  return (model.kind === 'rate' && model.counts === 'complement' ? !badUp : badUp) ? 1 : -1;
}

const cloneTest = (t: TestState): TestState => ({
  kind: t.kind,
  sums: { ...t.sums },
  carriedEvidence: t.carriedEvidence,
  eprocess: { ...t.eprocess, fail: t.eprocess.fail.map((c) => ({ ...c, logLR: c.logLR ? [...c.logLR] : null })), pass: [...t.eprocess.pass] },
});

/**
 * A gate's tests as they enter a new stage: the failure side and the dispersion seen go on, with this
 * stage's start-time components added; the stage's own sums and pass side start afresh.
 */
export function carryTests(previous: Readonly<Record<string, TestState>>, stageStartedAt: number, gatedStages: number): Record<string, TestState> {
  return Object.fromEntries(
    Object.entries(previous).map(([key, t]) => {
      const sums = { ...emptySums(), residualSq: t.sums.residualSq, residualCount: t.sums.residualCount };
      const carried = t.carriedEvidence + (t.kind === 'one_rate' ? t.sums.canaryEvents : evidenceOf(t, null));
      return [key, { kind: t.kind, sums, carriedEvidence: carried, eprocess: carryEProcess(t.eprocess, stageStartedAt, gatedStages) }];
    }),
  );
}

interface FoldContext {
  gate: Gate;
  model: MetricModel;
  sign: 1 | -1;
  stageStartedAt: number;
  temper: boolean;
}

/** The margin of a two-rate test as a ratio of counted rates, at the baseline seen so far. */
function rateMargin(ctx: FoldContext, baselineEvents: number, baselineTrials: number): number | null {
  if (ctx.gate.kind === 'relative' && !(ctx.model.kind === 'rate' && ctx.model.counts === 'complement')) return ctx.gate.factor;
  if (!(baselineTrials > 0) || !(baselineEvents > 0)) return null;
  const countedBaseline = (100 * baselineEvents) / baselineTrials;
  const baselineValue = ctx.model.kind === 'rate' && ctx.model.counts === 'complement' ? 100 - countedBaseline : countedBaseline;
  const limit = limitFor(ctx.gate, baselineValue);
  if (limit === null) return null;
  const r0 = counted(ctx.model, limit) / countedBaseline;
  return Number.isFinite(r0) && r0 > 0 ? r0 : null;
}

function foldTwoRate(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext): number | null {
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
    return null;
  }
  // Dispersion from residuals at the pooled ratio, this look's intervals included: a burst in one
  // cohort inflates it at once, before it can decide anything.
  const rHat = ce > 0 && be > 0 && ct > 0 && bt > 0 ? ce / ct / (be / bt) : r0;
  for (const p of pairs) {
    const x = p.canary!.events + p.baseline!.events;
    if (!(x > 0)) continue;
    const share = (rHat * p.canary!.trials) / (rHat * p.canary!.trials + p.baseline!.trials);
    if (share <= 0 || share >= 1) continue;
    s.residualSq += (p.canary!.events - x * share) ** 2 / (x * share * (1 - share));
    s.residualCount += 1;
  }
  foldCounts(test, pairs, ctx, (p, sign, out) => {
    // An interval without events carries no evidence on the ratio (its likelihood ratio is 1).
    if (!(p.canary!.events + p.baseline!.events > 0)) return false;
    twoRateIncrements(p.canary!.events, p.canary!.trials, p.baseline!.events, p.baseline!.trials, r0, sign, out);
    return true;
  });
  s.canaryEvents = ce;
  s.canaryTrials = ct;
  s.baselineEvents = be;
  s.baselineTrials = bt;
  return r0;
}

/**
 * Folds a count test's intervals, tempered by the dispersion seen (this look's included) and capped
 * per interval; `increments` writes an interval's log-LRs for one side, or returns false when it has none.
 */
function foldCounts(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext, increments: (i: UnitInterval, sign: 1 | -1, out: Float64Array) => boolean): void {
  const s = test.sums;
  const phi = ctx.temper ? dispersionOf(s.residualSq, s.residualCount) : 1;
  const failInc = new Float64Array(EFFECT_GRID.length);
  const passInc = new Float64Array(EFFECT_GRID.length);
  for (const i of intervals) {
    if (increments(i, ctx.sign, failInc) && increments(i, ctx.sign === 1 ? -1 : 1, passInc)) {
      temper(failInc, phi, ctx.temper);
      temper(passInc, phi, ctx.temper);
      foldIncrements(test.eprocess, i.t, failInc, passInc);
    }
    s.pairs += 1;
    s.firstT ??= i.t;
    s.lastT = i.t;
  }
}

function foldOneRate(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext): number | null {
  const gate = ctx.gate;
  if (gate.kind !== 'threshold') return null;
  const p0 = counted(ctx.model, gate.value) / 100;
  const s = test.sums;
  const points = intervals.filter((i) => i.canary && i.canary.trials > 0);
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
  for (const p of points) {
    const n = p.canary!.trials;
    if (pHat <= 0 || pHat >= 1) continue;
    s.residualSq += (p.canary!.events - n * pHat) ** 2 / (n * pHat * (1 - pHat));
    s.residualCount += 1;
  }
  foldCounts(test, points, ctx, (p, sign, out) => {
    oneRateIncrements(p.canary!.events, p.canary!.trials, p0, sign, out);
    return true;
  });
  s.canaryEvents = ce;
  s.canaryTrials = ct;
  return p0;
}

function foldSigns(test: TestState, intervals: readonly UnitInterval[], ctx: FoldContext): number {
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
    const c = Math.exp(i.canary.logSum / i.canary.trials);
    const limit = oneSample ? limitFor(ctx.gate, null) : limitFor(ctx.gate, Math.exp(i.baseline!.logSum / i.baseline!.trials));
    s.canaryTrials += i.canary.trials;
    s.canaryLog += i.canary.logSum;
    if (limit === null || !(limit > 0)) continue;
    const d = ctx.sign * (Math.log(c) - Math.log(limit));
    s.pairs += 1;
    s.firstT ??= i.t;
    s.lastT = i.t;
    s.diffSum += d;
    s.diffSq += d * d;
    if (d === 0) continue;
    const y = d > 0 ? 1 : 0;
    if (y === 1) s.bad += 1;
    else s.good += 1;
    signIncrements(y, 1, failInc);
    signIncrements(y, -1, passInc);
    foldIncrements(test.eprocess, i.t, failInc, passInc);
  }
  return 0.5;
}

/** Variance inflation, never below 1: tempering a likelihood ratio by 1/φ keeps it a supermartingale (Jensen). */
export function dispersionOf(residualSq: number, residualCount: number): number {
  return Math.max(1, (residualSq + DISPERSION_PRIOR) / (residualCount + DISPERSION_PRIOR));
}

/**
 * At most this much log-evidence from one interval. min(LR, e^c) ≤ LR keeps the supermartingale under
 * the model; beyond it (a zero-inflated minute, a burst in one cohort) no single interval can decide.
 */
export const MAX_LOG_EVIDENCE_PER_INTERVAL = 1.5;

function temper(inc: Float64Array, phi: number, robust: boolean): void {
  if (!robust) return;
  for (let k = 0; k < inc.length; k += 1) inc[k] = Math.min(inc[k]! / phi, MAX_LOG_EVIDENCE_PER_INTERVAL);
}

/** Expected canary events (rates: canary trials at the baseline's rate) or intervals judged (quantiles). */
function evidenceOf(test: TestState, margin: number | null): number {
  const s = test.sums;
  if (test.kind === 'sign' || test.kind === 'one_sign') return s.bad + s.good;
  if (test.kind === 'one_rate') return s.canaryTrials * (margin ?? 0);
  return s.baselineTrials > 0 ? (s.canaryTrials * s.baselineEvents) / s.baselineTrials : 0;
}

function estimateOf(test: TestState): number | null {
  const s = test.sums;
  if (test.kind === 'sign' || test.kind === 'one_sign') return s.bad + s.good > 0 ? s.bad / (s.bad + s.good) : null;
  if (test.kind === 'one_rate') return s.canaryTrials > 0 ? s.canaryEvents / s.canaryTrials : null;
  return s.canaryTrials > 0 && s.baselineTrials > 0 && s.baselineEvents > 0 ? s.canaryEvents / s.canaryTrials / (s.baselineEvents / s.baselineTrials) : null;
}

function pooledValues(test: TestState, model: MetricModel): { canary: number | null; baseline: number | null } {
  const s = test.sums;
  if (model.kind === 'quantile') {
    return { canary: s.canaryTrials > 0 ? Math.exp(s.canaryLog / s.canaryTrials) : null, baseline: s.baselineTrials > 0 ? Math.exp(s.baselineLog / s.baselineTrials) : null };
  }
  const back = (events: number, trials: number): number | null => (trials > 0 ? (model.counts === 'complement' ? 100 - (100 * events) / trials : (100 * events) / trials) : null);
  return { canary: back(s.canaryEvents, s.canaryTrials), baseline: back(s.baselineEvents, s.baselineTrials) };
}

interface UnitVerdict {
  check: Check;
  test: TestState;
}

function judgeUnit(test: TestState, margin: number | null, alpha: number, look: GateLook, model: MetricModel): UnitVerdict {
  const { options, gate, lookAt } = look;
  const logE = failLogE(test.eprocess, options.tau);
  const pLogE = passLogE(test.eprocess, options.tau);
  const boundary = Math.log(1 / alpha);
  const passBoundary = Math.log(1 / options.passAlpha);
  const evidence = evidenceOf(test, margin);
  const rates = test.kind === 'two_rate' || test.kind === 'one_rate';
  const enough = evidence >= options.minEvidence && (!rates || test.sums.residualCount >= MIN_INTERVALS_FOR_DISPERSION);
  // The failure side runs over the rollout: evidence from earlier stages counts toward its minimum.
  const enoughToFail = evidence + test.carriedEvidence >= options.minEvidence && (!rates || test.sums.residualCount >= MIN_INTERVALS_FOR_DISPERSION);
  const ep = test.eprocess;
  ep.maxLogE = Math.max(ep.maxLogE, logE);
  if (ep.crossedAt === null && enoughToFail && logE >= boundary) ep.crossedAt = lookAt;
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
  const minutes = (lookAt - look.stageStartedAt) / 60_000;
  const needs =
    outcome === 'inconclusive'
      ? minutesToPass({ test, margin, estimate, sign: badSign(gate, model), dispersion: phi, passBoundary, minEvidence: options.minEvidence, evidence, minSamples: gate.minSamples, elapsedMinutes: minutes })
      : { minutes: 0, why: outcome === 'no_data' ? 'no data yet' : 'decided' };
  return {
    test: { ...test, eprocess: compactEProcess(ep) },
    check: {
      outcome,
      canary: values.canary,
      baseline: gate.kind === 'threshold' ? null : values.baseline,
      limit,
      canarySamples: s.canaryTrials,
      baselineSamples: s.baselineTrials,
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
        needs,
      },
    },
  };
}

/** Folds the new intervals into the gate's tests and judges the total and each segment. */
export function lookAtGate(look: GateLook): GateLookResult {
  const { gate } = look;
  const model = METRICS[gate.metric].model;
  const kind = testKindFor(gate, model);
  const ctx: FoldContext = { gate, model, sign: badSign(gate, model), stageStartedAt: look.stageStartedAt, temper: look.temper ?? true };
  const units = unitIntervals(model, look.observations, gate.segments);
  const tests: Record<string, TestState> = {};
  for (const [key, t] of Object.entries(look.tests ?? {})) tests[key] = cloneTest(t);
  const margins = new Map<string, number | null>();
  for (const key of new Set([TOTAL, ...Object.keys(tests), ...units.keys()])) {
    const test = (tests[key] ??= { kind, sums: emptySums(), carriedEvidence: 0, eprocess: newEProcess(look.stageStartedAt, look.budget.gatedStages) });
    const intervals = units.get(key) ?? [];
    const margin =
      kind === 'two_rate' ? foldTwoRate(test, intervals, ctx) : kind === 'one_rate' ? foldOneRate(test, intervals, ctx) : foldSigns(test, intervals, ctx);
    margins.set(key, margin ?? rateMargin(ctx, test.sums.baselineEvents, test.sums.baselineTrials));
  }
  const segmentKeys = Object.keys(tests).filter((k) => k !== TOTAL).sort();
  const shape = { ...look.budget, hasSegments: gate.segments.length > 0, segmentsSeen: segmentKeys.length };
  const total = judgeUnit(tests[TOTAL]!, margins.get(TOTAL) ?? null, unitAlpha(look.options, shape, 'total'), look, model);
  tests[TOTAL] = total.test;
  const segments: SegmentCheck[] = segmentKeys.map((key) => {
    const judged = judgeUnit(tests[key]!, margins.get(key) ?? null, unitAlpha(look.options, shape, 'segment'), look, model);
    tests[key] = judged.test;
    const [dimension, label] = splitKey(key);
    return { dimension, key: label, ...judged.check };
  });
  const failing = segments.filter((s) => s.outcome === 'fail');
  const outcome: Outcome =
    total.check.outcome === 'fail' || failing.length > 0 ? 'fail' : total.check.outcome === 'pass' ? 'pass' : total.check.outcome === 'no_data' ? 'no_data' : 'inconclusive';
  const cause = causeOf(total.check, segments, ctx.sign);
  return {
    tests,
    result: {
      gateId: gate.id,
      kind: gate.kind,
      metric: gate.metric,
      outcome,
      summary: gateSummary(gate, total.check, failing, cause),
      total: total.check,
      segments,
      cause,
      judge: null,
    },
  };
}

/** The point estimate is past the margin in the bad direction (null: no estimate yet). */
function pastMargin(check: Check, sign: 1 | -1): boolean | null {
  const e = check.evidence;
  if (!e || e.estimate === null || e.margin === null) return null;
  if (e.test === 'sign' || e.test === 'one_sign') return e.estimate > 0.5;
  if (e.estimate <= 0) return sign === -1;
  return sign * (Math.log(e.estimate) - Math.log(e.margin)) > 0;
}

const excess = (c: Check): number => (c.evidence ? c.evidence.maxLogE - c.evidence.boundary : Number.NEGATIVE_INFINITY);

/** Where the gate fails (see GateResult.cause). */
export function causeOf(total: Check, segments: readonly SegmentCheck[], sign: 1 | -1): { dimension: Dimension; key: string } | null {
  const failing = segments.filter((s) => s.outcome === 'fail');
  const pick = (list: readonly SegmentCheck[]) => [...list].sort((a, b) => excess(b) - excess(a))[0];
  if (failing.length > 0) {
    const top = pick(failing)!;
    return { dimension: top.dimension, key: top.key };
  }
  if (total.outcome !== 'fail') return null;
  const alone: SegmentCheck[] = [];
  for (const dimension of new Set(segments.map((s) => s.dimension))) {
    const inDimension = segments.filter((s) => s.dimension === dimension);
    const past = inDimension.filter((s) => pastMargin(s, sign) === true);
    const within = inDimension.filter((s) => pastMargin(s, sign) === false);
    if (past.length === 1 && within.length >= 1) alone.push(past[0]!);
  }
  const top = pick(alone);
  return top ? { dimension: top.dimension, key: top.key } : null;
}

function splitKey(key: string): [Dimension, string] {
  const at = key.indexOf('=');
  return [key.slice(0, at) as Dimension, key.slice(at + 1)];
}

/** The gate judged on the state alone, with nothing new folded in (what a reader sees between looks). */
export function gateFromState(look: Omit<GateLook, 'observations'>): GateLookResult {
  return lookAtGate({ ...look, observations: [] });
}
