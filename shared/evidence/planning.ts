// How long each stage of a plan needs before its gates can pass, for a healthy canary (one that
// behaves like its baseline) at a given traffic. The same Gaussian approximations as needs.ts, read
// before the stage starts: so a plan whose soak is too short for its exposure says so up front.
import { METRICS, type MetricModel } from '../domain/metrics.ts';
import { countText } from '../domain/words.ts';
import type { GateDecideTime, MetricTraffic, StageDecideTime, TrafficEstimate, TrafficReading, WaitKind } from '../domain/readiness.ts';
import { limitFor } from '../gates/evaluate.ts';
import { warmupSeconds, type Gate } from '../gates/types.ts';
import { normalCdf } from '../judge/normal.ts';
import { durationSeconds, formatDuration, type Plan, type PlanStage } from '../plans/plan.ts';
import { badSign, marginAt, MIN_INTERVALS_FOR_DISPERSION } from './folds.ts';
import { informationToPass, MIXTURE_COST, signInformation } from './needs.ts';
import { DEFAULT_JUDGE_OPTIONS, type JudgeOptions } from './options.ts';
import { poissonAtLeast, usableIntervals } from './quantileUsable.ts';
import { readingOf } from './sourceReading.ts';
import { counted, minRequestsForQuantile } from './units.ts';

type Estimate = { kind: 'minutes'; minutes: number; why: string; wait: WaitKind } | { kind: 'never'; why: string } | { kind: 'unknown'; why: string };

interface Wait {
  minutes: number;
  why: string;
  wait: WaitKind;
}


const slowest = (waits: readonly Wait[]): Estimate => {
  const worst = waits.reduce((a, b) => (b.minutes > a.minutes ? b : a));
  return Number.isFinite(worst.minutes) ? { kind: 'minutes', minutes: worst.minutes, why: worst.why, wait: worst.wait } : { kind: 'never', why: worst.why };
};

function rateEstimate(gate: Gate, model: MetricModel, t: MetricTraffic, e: number, options: JudgeOptions, passBoundary: number): Estimate {
  const canaryPerMinute = t.trialsPerMinute * e;
  const p = counted(model, t.baselineValue) / 100;
  const sign = badSign(gate, model);
  const waits: Wait[] = [{ minutes: gate.minSamples / canaryPerMinute, why: `the gate’s ${countText(gate.minSamples)} canary samples`, wait: 'gate_samples' }];
  if (gate.kind === 'threshold') {
    const p0 = counted(model, gate.value) / 100;
    if (!(p0 > 0) || !(p0 < 1)) return { kind: 'never', why: `a threshold of ${gate.value} % leaves no room on either side` };
    // One sample against a fixed limit: information is the canary's expected events.
    const delta = p > 0 ? sign * (Math.log(p0) - Math.log(p)) : Number.POSITIVE_INFINITY;
    if (!(delta > 0)) return { kind: 'never', why: 'the baseline itself is past the threshold: a canary like it cannot pass' };
    // With no events at all, each trial earns ≈ p0 of log e (the limit's rate, never seen).
    const toPass = p > 0 ? informationToPass(passBoundary, delta) / (canaryPerMinute * p) : (passBoundary + MIXTURE_COST) / (canaryPerMinute * p0);
    waits.push({ minutes: toPass, why: 'the evidence to pass', wait: 'evidence' });
    waits.push({ minutes: options.minEvidence / (canaryPerMinute * p0), why: `${options.minEvidence} expected canary events at the limit`, wait: 'evidence' });
    waits.push({ minutes: MIN_INTERVALS_FOR_DISPERSION / t.intervalsPerMinute, why: `${MIN_INTERVALS_FOR_DISPERSION} intervals to measure the noise`, wait: 'intervals' });
    return slowest(waits);
  }
  if (!(p > 0)) return { kind: 'never', why: 'the baseline showed none of the events this gate counts: too rare at this traffic to compare' };
  if (e >= 1) return { kind: 'never', why: 'no baseline is left at 100 % exposure to compare with' };
  const r0 = marginAt(gate, model, t.baselineValue);
  const delta = r0 === null ? Number.NaN : sign * Math.log(r0);
  if (!(delta > 0)) return { kind: 'never', why: 'a canary equal to its baseline is already at or past the limit' };
  const canaryEvents = canaryPerMinute * p;
  const baselineEvents = t.trialsPerMinute * (1 - e) * p;
  const information = 1 / (1 / canaryEvents + 1 / baselineEvents);
  waits.push({ minutes: informationToPass(passBoundary, delta) / information, why: 'the evidence to pass', wait: 'evidence' });
  waits.push({ minutes: options.minEvidence / canaryEvents, why: `${options.minEvidence} expected canary events`, wait: 'evidence' });
  // The dispersion estimate counts only intervals that saw an event in either cohort.
  const withEvent = 1 - Math.exp(-(canaryEvents + baselineEvents) / t.intervalsPerMinute);
  waits.push({ minutes: MIN_INTERVALS_FOR_DISPERSION / (t.intervalsPerMinute * withEvent), why: `${MIN_INTERVALS_FOR_DISPERSION} intervals with events to measure the noise`, wait: 'intervals' });
  return slowest(waits);
}

/**
 * A lognormal tail's sample p95 bias times its requests, in one request's noise, at n requests:
 * ≈ 1.6 at 12, 2.0 at 20, 2.3 at 100 (interpolated quantiles; SciPy's exact values at 20 and 100),
 * where the guard allows thinQuantile.ts ▸ QUANTILE_BIAS_BOUND whatever n.
 */
const typicalBias = (n: number): number => (2.4 * n) / (n + 6);

/** Below this share of judged intervals a quantile gate is called unable to decide: a year of minutes gives a handful. */
const LEAST_USABLE_SHARE = 1e-5;

const percentText = (share: number): string => `${share >= 0.1 ? Math.round(share * 100) : Number((share * 100).toPrecision(1))} %`;

function quantileEstimate(gate: Gate, need: { least: number; name: string; readsLow: boolean }, t: MetricTraffic, e: number, options: JudgeOptions, passBoundary: number, quantileBias: number): Estimate {
  if (!t.quantile) return { kind: 'unknown', why: 'too few baseline intervals to measure how noisy the metric is' };
  const oneSample = gate.kind === 'threshold';
  if (!oneSample && e >= 1) return { kind: 'never', why: 'no baseline is left at 100 % exposure to compare with' };
  const perInterval = t.trialsPerMinute / t.intervalsPerMinute;
  const { least, name } = need;
  const cells = t.quantile.cells;
  // An interval is judged only on enough requests: how often that happens, not the mean, sets the time.
  const usable = usableIntervals({ perInterval, cells, e, least, oneSample });
  const thinCells = !oneSample && usable.pairedShare !== null && usable.pairedShare < 0.5;
  const totalRowsHint = thinCells ? `; the baseline’s cells are thin and the total is pooled from them: a total row per cohort and interval would judge it whole` : '';
  if (usable.share < LEAST_USABLE_SHARE) {
    const nc = perInterval * e;
    const nb = perInterval * (1 - e);
    const why = thinCells
      ? `the baseline’s cells are too thin to be a ${name} (${least} requests) in almost every interval${totalRowsHint}`
      : nc < least || oneSample
        ? `the canary sees ≈ ${countText(nc)} requests per interval, fewer than the ${least} a ${name} needs, in almost every interval`
        : `the baseline sees ≈ ${countText(nb)} requests per interval, fewer than the ${least} a ${name} needs, in almost every interval`;
    return { kind: 'never', why };
  }
  const limit = limitFor(gate, t.baselineValue);
  const sign = gate.op === 'lte' ? 1 : -1;
  const delta = limit !== null && limit > 0 && t.baselineValue > 0 ? sign * (Math.log(limit) - Math.log(t.baselineValue)) : Number.NaN;
  if (!(delta > 0)) return { kind: 'never', why: 'a canary equal to its baseline is already at or past the limit' };
  // One request's noise in log value; an interval of n requests carries c²/n of it.
  const c2 = t.quantile.logSpread ** 2 * t.quantile.requestsPerInterval;
  const s = Math.sqrt(c2 * (1 / usable.canary + (oneSample ? 0 : 1 / usable.baseline)));
  // The guard signs a thin canary as if its quantile's bias were at its bound; a typical tail's is less,
  // so a healthy canary reads nearer the limit by the rest. Rows finer than an interval each carry their
  // own quantile of a share of its requests.
  const rows = t.quantile.rowsPerInterval;
  const perRow = { canary: usable.canaryRow / rows, baseline: oneSample ? Number.POSITIVE_INFINITY : usable.baselineRow / rows };
  const allowed = quantileBias * Math.max(0, 1 / perRow.canary - 1 / perRow.baseline);
  const typical = typicalBias(perRow.canary) / perRow.canary - (oneSample ? 0 : typicalBias(perRow.baseline) / perRow.baseline);
  const allowance = need.readsLow && sign > 0 && quantileBias > 0 ? Math.max(0, allowed - typical) * Math.sqrt(c2) : 0;
  const pastLimit = s > 0 ? normalCdf(-(delta - allowance) / s) : allowance < delta ? 0 : 1;
  if (pastLimit >= 0.5 && allowance >= delta) return { kind: 'never', why: `its ${name} rows stand on ≈ ${countText(perRow.canary)} canary requests each, too few for a healthy canary to be told from the limit` };
  if (pastLimit >= 0.5) return { kind: 'never', why: 'half the intervals or more would be past the limit by noise alone' };
  const intervals = Math.max(options.minEvidence, (passBoundary + MIXTURE_COST) / signInformation(pastLimit));
  const judged = `${Math.ceil(intervals)} judged intervals`;
  // Few judged intervals from a thin canary come faster at a higher exposure; from thin baseline cells, only with time.
  const canaryShort = poissonAtLeast(perInterval * e, least).p < (oneSample ? 1 : poissonAtLeast(perInterval * (1 - e), least).p);
  return slowest([
    { minutes: gate.minSamples / (t.trialsPerMinute * e), why: `the gate’s ${countText(gate.minSamples)} canary samples`, wait: 'gate_samples' },
    usable.share >= 0.95
      ? { minutes: intervals / t.intervalsPerMinute, why: judged, wait: 'intervals' }
      : {
          minutes: intervals / (t.intervalsPerMinute * usable.share),
          why: `${judged}, of the ≈ ${percentText(usable.share)} in which each cohort compared has the ${least} requests a ${name} needs${totalRowsHint}`,
          wait: canaryShort && !thinCells ? 'evidence' : 'intervals',
        },
  ]);
}

function gateEstimate(gate: Gate, e: number, traffic: TrafficEstimate | null, options: JudgeOptions, reading: TrafficReading): Estimate {
  const info = METRICS[gate.metric];
  if (!traffic) return { kind: 'unknown', why: 'traffic unknown' };
  const t = traffic[gate.metric];
  if (!t) return { kind: 'unknown', why: `no ${info.label.toLowerCase()} traffic seen` };
  if (!(t.trialsPerMinute > 0)) return { kind: 'never', why: `no ${info.label.toLowerCase()} traffic seen` };
  const passBoundary = Math.log(1 / options.passAlpha);
  if (info.model.kind === 'rate') return rateEstimate(gate, info.model, t, e, options, passBoundary);
  const need =
    info.model.kind === 'quantile'
      ? { least: minRequestsForQuantile(info.model.q), name: `p${Math.round(info.model.q * 100)}`, readsLow: info.model.q > 0.5 }
      : { least: 1, name: info.label.toLowerCase(), readsLow: false };
  return quantileEstimate(gate, need, t, e, options, passBoundary, reading.quantileBias);
}

/** A gate's warm-up comes first: its evidence starts to gather only after it. */
function afterWarmup(gate: Gate, estimate: Estimate): Estimate {
  const warmup = warmupSeconds(gate);
  if (estimate.kind !== 'minutes' || warmup === 0) return estimate;
  return { ...estimate, minutes: estimate.minutes + warmup / 60, why: `${estimate.why}, after its ${formatDuration(warmup)} warm-up` };
}

function withinSoak(estimate: Estimate, soakMinutes: number): boolean | null {
  if (estimate.kind === 'unknown') return null;
  if (estimate.kind === 'never') return false;
  // No soak set: the stage simply waits for its gates, there is nothing to be too short.
  return soakMinutes > 0 ? estimate.minutes <= soakMinutes : null;
}

/** How long the stage's `minSamples` canary samples take: the guard compares it with the least canary traffic among the stage's gates. */
function stageSamplesWait(stage: PlanStage, e: number, traffic: TrafficEstimate | null): (Estimate & { kind: 'minutes' }) | null {
  if (!(stage.minSamples > 0) || !traffic) return null;
  // Gates of unknown traffic are left out: the least of the others bounds the time from below.
  const rates = stage.gates.flatMap((g) => (traffic[g.metric] ? [traffic[g.metric]!.trialsPerMinute * e] : []));
  const perMinute = rates.length > 0 ? Math.min(...rates) : 0;
  if (!(perMinute > 0)) return null;
  return { kind: 'minutes', minutes: stage.minSamples / perMinute, why: `the stage’s ${countText(stage.minSamples)} canary samples`, wait: 'stage_samples' };
}

/** An internal 0 % stage's canary sees users who are not a share of production: its time cannot be read off production's traffic. */
const INTERNAL_UNKNOWN: Estimate = { kind: 'unknown', why: 'at 0 % the canary takes no share of this traffic (its users are internal): its time is not read off it' };

function stageTimes(stage: PlanStage, stageIndex: number, traffic: TrafficEstimate | null, options: JudgeOptions, reading: TrafficReading): StageDecideTime {
  const soakMinutes = durationSeconds(stage.minSoak) / 60;
  const internal = stage.exposure === 0 && reading.internalShare === null;
  const e = Math.min(1, stage.exposure > 0 ? stage.exposure / 100 : (reading.internalShare ?? 0));
  const estimates = stage.gates.map((gate) => ({ gate, estimate: internal ? INTERNAL_UNKNOWN : afterWarmup(gate, gateEstimate(gate, e, traffic, options, reading)) }));
  const gates: GateDecideTime[] = estimates.map(({ gate, estimate }) => ({
    gateId: gate.id,
    metric: gate.metric,
    minutesToDecide: estimate.kind === 'minutes' ? estimate.minutes : null,
    soakMinutes,
    canDecideWithinSoak: withinSoak(estimate, soakMinutes),
    why: estimate.why,
    wait: estimate.kind === 'minutes' ? estimate.wait : null,
  }));
  const base = { stageIndex, label: stage.label, exposure: stage.exposure, soakMinutes, gates };
  if (estimates.length === 0) return { ...base, minutesToDecide: null, canDecideWithinSoak: null, why: 'no gates: nothing to decide', wait: null };
  // A gate that can never pass decides the stage; then the slowest timed gate when it is already too
  // slow (a gate of unknown traffic beside it cannot make the stage fit, so it must not hide it); then
  // one whose traffic is unknown; else the slowest.
  const never = estimates.find((x) => x.estimate.kind === 'never');
  if (never) return { ...base, minutesToDecide: null, canDecideWithinSoak: false, why: `${never.gate.id}: ${never.estimate.why}`, wait: null };
  const timed = estimates.flatMap(({ gate, estimate }) => (estimate.kind === 'minutes' ? [{ gate, estimate }] : []));
  const slowestGate = timed.length > 0 ? timed.reduce((a, b) => (b.estimate.minutes > a.estimate.minutes ? b : a)) : null;
  // The stage's own minimum holds a passing stage too: counted, as the guard counts it, on its gates' least canary traffic.
  const stageWait = internal ? null : stageSamplesWait(stage, e, traffic);
  const slowest =
    stageWait && (!slowestGate || stageWait.minutes > slowestGate.estimate.minutes) ? { estimate: stageWait, why: stageWait.why } : slowestGate && { estimate: slowestGate.estimate, why: `${slowestGate.gate.id}: ${slowestGate.estimate.why}` };
  const unknown = estimates.find((x) => x.estimate.kind === 'unknown');
  if (unknown && !(slowest && withinSoak(slowest.estimate, soakMinutes) === false)) return { ...base, minutesToDecide: null, canDecideWithinSoak: null, why: `${unknown.gate.id}: ${unknown.estimate.why}`, wait: null };
  const last = slowest!;
  return { ...base, minutesToDecide: last.estimate.minutes, canDecideWithinSoak: withinSoak(last.estimate, soakMinutes), why: last.why, wait: last.estimate.wait };
}

/** Per stage and gate: how long until a healthy canary can pass at `traffic`, read as its source's samples are, against the stage's soak. */
export function planDecideTimes(plan: Plan, traffic: TrafficEstimate | null, reading: TrafficReading = readingOf('push')): StageDecideTime[] {
  const options = plan.judge ?? DEFAULT_JUDGE_OPTIONS;
  return plan.stages.map((stage, i) => stageTimes(stage, i, traffic, options, reading));
}
