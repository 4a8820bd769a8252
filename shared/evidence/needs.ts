// How long until a test can pass, at the traffic it has seen: a Gaussian approximation of the
// e-process's growth (log e ≈ I·Δ²/2 less the mixture's cost), good enough to say "≈ 3 h", not to decide.
import type { UnitEvidence } from '../gates/types.ts';
import type { TestState } from './state.ts';
import { MIN_INTERVALS_FOR_DISPERSION } from './folds.ts';

/** What the mixture over the grid costs in log e at the right effect (its prior weight there, ≈ 1/12). */
export const MIXTURE_COST = 2.5;

export interface NeedsInput {
  test: TestState;
  margin: number | null;
  estimate: number | null;
  /** +1 when a higher rate is the bad direction. */
  sign: 1 | -1;
  dispersion: number;
  passBoundary: number;
  minEvidence: number;
  evidence: number;
  minSamples: number;
  elapsedMinutes: number;
}

export interface Needs {
  minutes: number | null;
  why: string;
  kind: NonNullable<UnitEvidence['needs']['kind']>;
}

const blocked = (why: string): Needs => ({ minutes: null, why, kind: 'blocked' });

/**
 * The minutes this stage's paired data came in over: its paired intervals, each the length of a row,
 * within the span from the start of the first to the end of the last. Minutes without a pair (a
 * cohort silent at the stage's start, or for a while in the middle) judged nothing, and counting them
 * made one interval in seven minutes read as ten needing an hour. Before the unit has two intervals
 * to show how long a row covers, the time since the stage began.
 */
export function pairedMinutes(s: TestState['sums'], stageStartedAt: number, lookAt: number): number {
  if (s.firstT === null || s.lastT === null || s.rowMs === null) return (lookAt - stageStartedAt) / 60_000;
  const span = s.lastT - Math.max(stageStartedAt, s.firstT - s.rowMs);
  return Math.min(span, s.pairs * s.rowMs) / 60_000;
}

/** Information (in log-ratio units) a test needs to pass when the truth is `delta` inside the margin. */
export function informationToPass(passBoundary: number, delta: number): number {
  return (2 * (passBoundary + MIXTURE_COST)) / (delta * delta);
}

/** KL divergence of Bernoulli(q) from Bernoulli(½), per interval: what a sign test gains. */
export function signInformation(q: number): number {
  const part = (p: number): number => (p > 0 ? p * Math.log(2 * p) : 0);
  return part(q) + part(1 - q);
}

export function minutesToPass(n: NeedsInput): Needs {
  const s = n.test.sums;
  const elapsed = Math.max(n.elapsedMinutes, 1e-9);
  if (s.pairs === 0) return blocked('no paired data yet');
  const waits: number[] = [];
  const trialRate = s.canaryTrials / elapsed;
  if (s.canaryTrials < n.minSamples) waits.push(trialRate > 0 ? (n.minSamples - s.canaryTrials) / trialRate : Number.POSITIVE_INFINITY);
  if (n.evidence < n.minEvidence) waits.push(n.evidence > 0 ? ((n.minEvidence - n.evidence) / n.evidence) * elapsed : Number.POSITIVE_INFINITY);
  if (n.test.kind === 'sign' || n.test.kind === 'one_sign') {
    // The pass side's own signs where it kept them: a thin canary's are read with its bias allowed for.
    const own = s.passSigned > 0;
    const q = own ? s.passBad / s.passSigned : (n.estimate ?? 0.5);
    if (q >= 0.5 && own && (n.estimate ?? 0.5) < 0.5) return blocked('cannot pass: the canary’s quantile stands on too few requests an interval to be told from the limit');
    if (q >= 0.5) return blocked('cannot pass while half or more of the intervals are past the limit');
    const needed = (n.passBoundary + MIXTURE_COST) / signInformation(q);
    const judged = own ? s.passSigned : s.bad + s.good;
    waits.push(judged >= needed ? 0 : ((needed - judged) / Math.max(judged, 1)) * elapsed);
  } else {
    if (n.margin === null || n.estimate === null) return blocked('no baseline events yet to compare with');
    // Until the canary has shown a few events its rate is noise (no errors in 174 requests at 0.5 %
    // read as "> 1 year"): it is read as its baseline's, as the plan's estimate reads it.
    const estimate = n.test.kind === 'two_rate' && s.canaryEvents < n.minEvidence ? 1 : n.estimate;
    const delta = n.sign * (Math.log(n.margin) - Math.log(Math.max(estimate, 1e-9)));
    if (!(delta > 0)) return { minutes: null, why: 'past the limit: it cannot pass, and fails once its evidence is enough', kind: 'failing' };
    // A count test decides only once it has seen the counts' noise: intervals, which no traffic shortens.
    const seen = s.residualCount;
    if (seen < MIN_INTERVALS_FOR_DISPERSION) waits.push(seen > 0 ? ((MIN_INTERVALS_FOR_DISPERSION - seen) / seen) * elapsed : Number.POSITIVE_INFINITY);
    const expectedCanary = n.test.kind === 'two_rate' ? Math.max(n.evidence * estimate, 1e-9) : Math.max(s.canaryEvents, 1e-9);
    const information =
      n.test.kind === 'two_rate' ? 1 / (n.dispersion * (1 / expectedCanary + 1 / Math.max(s.baselineEvents, 1e-9))) : expectedCanary / n.dispersion;
    const needed = informationToPass(n.passBoundary, delta);
    waits.push(information >= needed ? 0 : ((needed - information) / information) * elapsed);
  }
  const minutes = Math.max(0, ...waits);
  return Number.isFinite(minutes) ? { minutes, why: 'at the traffic seen so far', kind: 'waits' } : blocked('no canary traffic yet');
}
