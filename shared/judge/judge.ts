// The canary judge: per metric a Mann-Whitney U test of canary against baseline, an effect size
// held to the allowed bounds, and a classification (Pass / High / Low / NoData, plus the Critical
// flag); per segment the same; over the metrics a Kayenta-style weighted score and a verdict.
// Everything it returns is plain JSON (finite numbers or null), so it goes into evidence verbatim.
import type { Dimension, Segment } from '../domain/metrics.ts';
import { cleanCohort } from './clean.ts';
import { groupWeights, type JudgeConfig, type MetricConfig } from './config.ts';
import { hodgesLehmann, medianSorted, sampleMean } from './descriptive.ts';
import { mannWhitneySorted, uSigma, type Alternative, type MannWhitneyResult } from './mannWhitney.ts';
import type { AnalysisOutcome, Classification, CleanCounts, CohortSummary, GroupResult, Judgement, JudgeResult, MetricResult, SegmentJudgement, SequentialResult, SequentialTestState } from './output.ts';
import { mixtureLogLikelihoodRatio, sequentialLook, type LookContext } from './sequential.ts';

/** A value with the segment it was measured in (needed only when segments are judged). */
export interface LabelledValue {
  value: number;
  segment?: Partial<Segment>;
}
export type SampleInput = ArrayLike<number> | readonly LabelledValue[];
export interface MetricData {
  canary: SampleInput;
  baseline: SampleInput;
}
/** Samples per metric name. */
export type JudgeData = Readonly<Record<string, MetricData>>;

export interface JudgeRunOptions {
  /** Judge as one look of a sequence (the guard, every interval); absent: a one-off fixed-sample test. */
  look?: LookContext;
}

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** A number for a sentence: 4 significant digits, a typographic minus (as the gate summaries write it). */
function fmt(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const text = a >= 1e-3 && a < 1e6 ? Number(a.toPrecision(4)).toString() : a.toExponential(2);
  return v < 0 ? `−${text}` : text;
}

const fmtP = (p: number | null): string => (p === null ? '—' : p < 1e-4 ? p.toExponential(1) : Number(p.toPrecision(2)).toString());

function isLabelled(input: SampleInput): input is readonly LabelledValue[] {
  return input.length > 0 && typeof (input as ArrayLike<unknown>)[0] === 'object' && (input as ArrayLike<unknown>)[0] !== null;
}

function valuesOf(input: SampleInput): ArrayLike<number> {
  if (!isLabelled(input)) return input as ArrayLike<number>;
  const out = new Float64Array(input.length);
  for (let i = 0; i < input.length; i += 1) out[i] = input[i]!.value;
  return out;
}

interface LookRun {
  look: number;
  previous: Record<string, SequentialTestState>;
  next: Record<string, SequentialTestState>;
}

interface TestContext {
  alpha: number;
  config: JudgeConfig;
  look: LookRun | null;
  /** The sequential state's key of this test. */
  key: string;
}

const alternativeFor = (direction: MetricConfig['direction']): Alternative =>
  direction === 'increase' ? 'greater' : direction === 'decrease' ? 'less' : 'two-sided';

/** The standardized U for the sequential test, oriented towards the alternative, continuity-corrected. */
function orientedZ(mw: MannWhitneyResult, continuity: boolean): number {
  const s = uSigma(mw.n1, mw.n2, mw.tieTerm);
  const centred = mw.statistic - (mw.n1 * mw.n2) / 2;
  const cc = continuity ? 0.5 : 0;
  const d = mw.alternative === 'greater' ? centred - cc : mw.alternative === 'less' ? -centred - cc : Math.max(0, Math.abs(centred) - cc);
  return s > 0 ? d / s : Number.NEGATIVE_INFINITY;
}

function cohortSummary(values: Float64Array, counts: CleanCounts): CohortSummary {
  return { counts, mean: values.length > 0 ? fin(sampleMean(values)) : null, median: values.length > 0 ? fin(medianSorted(values)) : null };
}

function describeEffect(metric: MetricConfig, ratio: number, difference: number): string {
  return metric.effect.measure === 'ratio'
    ? `mean ratio ${Number.isFinite(ratio) ? fmt(ratio) : ratio > 0 ? '+∞' : '−∞'}`
    : `mean difference ${fmt(difference)}`;
}

function judgeValues(metric: MetricConfig, canaryRaw: ArrayLike<number>, baselineRaw: ArrayLike<number>, ctx: TestContext): Judgement {
  const { config, alpha } = ctx;
  const c = cleanCohort(canaryRaw, metric.nan, metric.outlierIqrFactor);
  const b = cleanCohort(baselineRaw, metric.nan, metric.outlierIqrFactor);
  const canary = cohortSummary(c.values, c.counts);
  const baseline = cohortSummary(b.values, b.counts);
  const noEffect = { ratio: null, difference: null, medianDifference: null, hodgesLehmann: null };

  const need = metric.minDataPoints;
  if (c.counts.used < need || b.counts.used < need) {
    const short = [c.counts.used < need ? `canary has ${c.counts.used}` : '', b.counts.used < need ? `baseline has ${b.counts.used}` : ''].filter(Boolean).join(', ');
    const seq = ctx.look?.previous[ctx.key];
    if (ctx.look && seq) ctx.look.next[ctx.key] = seq;
    return {
      classification: 'NoData',
      criticalBreach: false,
      failed: false,
      reason: `no data: ${short} value(s) after cleaning, ${need} needed per cohort`,
      canary,
      baseline,
      effect: noEffect,
      test: null,
      significant: false,
      sequential: null,
    };
  }

  // Enough data: both cohorts are non-empty, so the summaries are numbers.
  const meanC = canary.mean ?? Number.NaN;
  const meanB = baseline.mean ?? Number.NaN;
  const difference = meanC - meanB;
  const ratio = meanB === 0 ? (meanC === 0 ? 1 : Math.sign(meanC) * Number.POSITIVE_INFINITY) : 1 + difference / Math.abs(meanB);

  const alternative = alternativeFor(metric.direction);
  let note = '';
  let mw: MannWhitneyResult;
  try {
    mw = mannWhitneySorted(c.values, b.values, { alternative, method: config.method, useContinuity: config.useContinuity });
  } catch (error) {
    // 'exact' asked for samples too large for the exact distribution: the normal approximation is
    // accurate there anyway; say so rather than fail the analysis.
    if (!(error instanceof RangeError)) throw error;
    mw = mannWhitneySorted(c.values, b.values, { alternative, method: 'asymptotic', useContinuity: config.useContinuity });
    note = ' (exact distribution too large: normal approximation used)';
  }

  let significant: boolean;
  let sequential: SequentialResult | null = null;
  if (ctx.look) {
    const information = (mw.n1 * mw.n2) / (mw.n1 + mw.n2);
    const tau = config.sequential.tau;
    const logLR = mixtureLogLikelihoodRatio(orientedZ(mw, config.useContinuity), information, tau, alternative === 'two-sided');
    const r = sequentialLook(logLR, alpha, information, tau, ctx.look.look, ctx.look.previous[ctx.key]);
    ctx.look.next[ctx.key] = r.state;
    sequential = r.result;
    significant = r.result.crossed;
  } else {
    significant = mw.pvalue <= alpha;
  }

  // Which way the ranks moved: U1 above its null mean m·n/2 means the canary tends higher.
  const centred = mw.statistic - (mw.n1 * mw.n2) / 2;
  const up = centred > 0;
  const down = centred < 0;
  const e = metric.effect;
  const measured = e.measure === 'ratio' ? ratio : difference;
  const increaseBad = metric.direction !== 'decrease';
  const decreaseBad = metric.direction !== 'increase';
  const beyondIncrease = measured > e.allowedIncrease;
  const beyondDecrease = measured < (e.measure === 'ratio' ? e.allowedDecrease : -e.allowedDecrease);
  const criticalUp = increaseBad && e.criticalIncrease !== null && measured > e.criticalIncrease;
  const criticalDown = decreaseBad && e.criticalDecrease !== null && measured < (e.measure === 'ratio' ? e.criticalDecrease : -e.criticalDecrease);

  const allowedUp = e.measure === 'ratio' ? `≤ ${fmt(e.allowedIncrease)}` : `≤ +${fmt(e.allowedIncrease)}`;
  const allowedDown = e.measure === 'ratio' ? `≥ ${fmt(e.allowedDecrease)}` : `≥ −${fmt(e.allowedDecrease)}`;
  const evidence = sequential
    ? `always-valid p ${fmtP(sequential.alwaysValidP)} ${significant ? '≤' : '>'} α ${alpha} (look ${sequential.look}${sequential.crossedAtLook !== null ? `, boundary crossed at look ${sequential.crossedAtLook}` : ''}; this look's p ${fmtP(mw.pvalue)})`
    : `Mann-Whitney p ${fmtP(mw.pvalue)} ${significant ? '≤' : '>'} α ${alpha}`;
  const size = describeEffect(metric, ratio, difference);

  let classification: Classification = 'Pass';
  let criticalBreach = false;
  let reason: string;
  if (criticalUp || criticalDown) {
    criticalBreach = true;
    classification = criticalUp ? 'High' : 'Low';
    const bound = criticalUp ? `critical bound ${fmt(e.criticalIncrease)}` : `critical bound ${e.measure === 'ratio' ? fmt(e.criticalDecrease) : `−${fmt(e.criticalDecrease)}`}`;
    reason = `critical: canary ${criticalUp ? 'higher' : 'lower'} than baseline beyond the ${bound} (${size}), whatever the p-value; ${evidence}`;
  } else if (significant && up && increaseBad && beyondIncrease) {
    classification = 'High';
    reason = `canary higher than baseline: ${size} (allowed ${allowedUp}), ${evidence}`;
  } else if (significant && down && decreaseBad && beyondDecrease) {
    classification = 'Low';
    reason = `canary lower than baseline: ${size} (allowed ${allowedDown}), ${evidence}`;
  } else if (!significant) {
    reason = `no significant difference: ${evidence}; ${size}`;
  } else if ((up && !increaseBad) || (down && !decreaseBad)) {
    reason = `canary significantly ${up ? 'higher' : 'lower'}, which is not bad for this metric: ${size}; ${evidence}`;
  } else {
    reason = `difference significant but within the allowed effect: ${size} (allowed ${up ? allowedUp : allowedDown}); ${evidence}`;
  }

  return {
    classification,
    criticalBreach,
    failed: classification === 'High' || classification === 'Low',
    reason: reason + note,
    canary,
    baseline,
    effect: {
      ratio: fin(ratio),
      difference: fin(difference),
      medianDifference: fin((canary.median ?? Number.NaN) - (baseline.median ?? Number.NaN)),
      hodgesLehmann: fin(hodgesLehmann(c.values, b.values)),
    },
    test: {
      name: 'mann-whitney-u',
      statistic: fin(mw.statistic),
      pValue: fin(mw.pvalue),
      method: mw.method,
      alternative,
      alpha,
      z: mw.z === null ? null : fin(mw.z),
    },
    significant,
    sequential,
  };
}

function segmentValues(input: SampleInput, dimension: Dimension, key: string): number[] {
  if (!isLabelled(input)) return [];
  const out: number[] = [];
  for (const s of input) if ((s.segment?.[dimension] ?? '') === key) out.push(s.value);
  return out;
}

function segmentKeys(data: MetricData, dimension: Dimension): string[] {
  const keys = new Set<string>();
  for (const input of [data.canary, data.baseline]) {
    if (!isLabelled(input)) continue;
    for (const s of input) {
      const k = s.segment?.[dimension] ?? '';
      if (k !== '') keys.add(k);
    }
  }
  return [...keys].sort();
}

function judgeMetric(metric: MetricConfig, data: MetricData | undefined, config: JudgeConfig, look: LookRun | null): MetricResult {
  const empty: MetricData = { canary: [], baseline: [] };
  const d = data ?? empty;
  const total = judgeValues(metric, valuesOf(d.canary), valuesOf(d.baseline), { alpha: config.alpha, config, look, key: metric.name });

  const pairs = config.segments.flatMap((dimension) => segmentKeys(d, dimension).map((key) => ({ dimension, key })));
  const segmentAlpha = config.segmentAlpha === 'bonferroni' && pairs.length > 0 ? config.alpha / pairs.length : config.alpha;
  const segments: SegmentJudgement[] = total.classification === 'NoData' ? [] : pairs.map(({ dimension, key }) => {
    const j = judgeValues(metric, segmentValues(d.canary, dimension, key), segmentValues(d.baseline, dimension, key), {
      alpha: segmentAlpha,
      config,
      look,
      key: `${metric.name}|${dimension}=${key}`,
    });
    return { dimension, key, ...j, breaksAlone: j.failed && !total.failed };
  });

  return {
    name: metric.name,
    group: metric.group,
    direction: metric.direction,
    critical: metric.critical,
    ...total,
    metricFailed: total.failed || segments.some((s) => s.failed),
    segments,
  };
}

/**
 * Judges canary against baseline for every configured metric. `config` is a parsed JudgeConfig
 * (JudgeConfig.parse); `data` maps metric names to the two cohorts' samples (a metric missing from
 * `data` is NoData). With `options.look`, each test is a sequential one: pass the returned
 * `sequential.state` to the next look.
 */
export function judge(config: JudgeConfig, data: JudgeData, options: JudgeRunOptions = {}): JudgeResult {
  let look: LookRun | null = null;
  if (options.look) {
    const prev = options.look.state ?? null;
    look = { look: options.look.look ?? (prev?.looks ?? 0) + 1, previous: prev?.tests ?? {}, next: { ...(prev?.tests ?? {}) } };
  }

  const metrics = config.metrics.map((m) => judgeMetric(m, data[m.name], config, look));

  const weights = groupWeights(config);
  const groups: GroupResult[] = Object.entries(weights).map(([name, weight]) => {
    const members = metrics.filter((m) => m.group === name);
    const judged = members.filter((m) => m.classification !== 'NoData');
    const passed = judged.filter((m) => !m.metricFailed).length;
    return { name, weight, score: judged.length > 0 ? (100 * passed) / judged.length : null, judged: judged.length, passed, metrics: members.map((m) => m.name) };
  });
  const scored = groups.filter((g) => g.score !== null);
  const weightWithData = scored.reduce((a, g) => a + g.weight, 0);
  const score = scored.length > 0 ? scored.reduce((a, g) => a + g.weight * g.score!, 0) / weightWithData : null;

  const criticalFailures: string[] = [];
  for (const m of metrics) {
    if (m.criticalBreach || (m.critical && m.failed)) criticalFailures.push(m.name);
    for (const s of m.segments) if (s.criticalBreach || (m.critical && s.failed)) criticalFailures.push(`${m.name} (${s.dimension} ${s.key})`);
  }
  const criticalNoData = metrics.filter((m) => m.critical && m.classification === 'NoData').map((m) => m.name);

  const { marginal, pass } = config.thresholds;
  let outcome: AnalysisOutcome;
  let reason: string;
  const failing = metrics.filter((m) => m.metricFailed).map((m) => `${m.name} ${m.failed ? m.classification : `in ${m.segments.filter((s) => s.failed).map((s) => `${s.dimension} ${s.key}`).join(', ')}`}`);
  const failingText = failing.length > 0 ? `; failing: ${failing.join(', ')}` : '';
  if (criticalFailures.length > 0) {
    outcome = 'fail';
    reason = `critical failure: ${criticalFailures.join(', ')}`;
  } else if (score === null) {
    outcome = 'no_data';
    reason = 'no metric had enough data to judge';
  } else if (score < marginal) {
    outcome = 'fail';
    reason = `score ${fmt(score)} < marginal ${marginal}${failingText}`;
  } else if (score < pass) {
    outcome = 'inconclusive';
    reason = `score ${fmt(score)} between marginal ${marginal} and pass ${pass}: a person decides${failingText}`;
  } else if (criticalNoData.length > 0) {
    outcome = 'inconclusive';
    reason = `score ${fmt(score)} ≥ pass ${pass}, but critical metric(s) without data: ${criticalNoData.join(', ')}`;
  } else {
    outcome = 'pass';
    reason = `score ${fmt(score)} ≥ pass ${pass}${failingText}`;
  }

  return {
    outcome,
    score,
    thresholds: { marginal, pass },
    reason,
    criticalFailures,
    groups,
    metrics,
    alpha: config.alpha,
    sequential: look ? { look: look.look, state: { method: 'msprt', looks: look.look, tests: look.next } } : null,
  };
}
