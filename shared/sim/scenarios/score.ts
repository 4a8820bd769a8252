// Scoring the guard's replay of a scenario against its truth, and a corpus of them against the targets.
import { StopAction, type BacktestResult } from '../../backtest/types.ts';
import type { Truth } from './types.ts';

/** A stop is caught "early" at this exposure or below: before the 20 % stage. */
export const LOW_EXPOSURE_PCT = 5;

export interface Stop {
  t: number;
  exposure: number;
  gate: string | null;
  segment: Record<string, string> | null;
}

export interface ScenarioScore {
  id: string;
  truth: Truth;
  /** The first stop, whenever it came. */
  firstStop: Stop | null;
  /** A stop on a healthy or improved rollout, at any time. */
  falseHalt: boolean;
  /** A stop before the effect began (late onsets): the guard stopped on noise. */
  stoppedBeforeOnset: boolean;
  /** A beyond-tolerance regression stopped at or after its onset; `detection` is that stop. */
  caught: boolean;
  detection: (Stop & { minutes: number }) | null;
  /** Global and late-onset regressions that were caught: did the stop name a segment all the same (one it is not confined to)? */
  segmentBlamed: boolean | null;
  /** Onset at ≤ 5 % exposure, so a stop at ≤ 5 % was possible at all. */
  lowExposureEligible: boolean;
  caughtAtLowExposure: boolean;
  /** Single-segment regressions that were caught: did the stop name exactly the truth's segment? */
  segmentNamed: boolean | null;
}

const STOPS = new Set<string>(StopAction.options);

/** Every stop in time order; `firstStop` counts even if the decisions list left it out. */
export function stopsOf(result: BacktestResult): Stop[] {
  const stops: Stop[] = result.decisions.filter((d) => STOPS.has(d.action)).map((d) => ({ t: d.t, exposure: d.exposure, gate: d.gate, segment: d.segment }));
  const first = result.firstStop;
  if (first && !stops.some((s) => s.t === first.t)) stops.push({ t: first.t, exposure: first.exposure, gate: null, segment: null });
  return stops.sort((a, b) => a.t - b.t);
}

function sameLabels(a: Record<string, string> | null, b: Record<string, string>): boolean {
  if (!a) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function scoreScenario(id: string, truth: Truth, result: BacktestResult): ScenarioScore {
  const stops = stopsOf(result);
  const firstStop = stops[0] ?? null;
  const benign = truth.kind === 'healthy' || truth.kind === 'improvement';
  const regression = truth.kind === 'regression' && truth.beyondTolerance;
  const after = stops.find((s) => s.t >= truth.onsetT) ?? null;
  const detection = regression && after ? { ...after, minutes: (after.t - truth.onsetT) / 60_000 } : null;
  const lowExposureEligible = regression && truth.onsetExposure <= LOW_EXPOSURE_PCT;
  const segment = truth.segment ? { [truth.segment.dimension]: truth.segment.key } : null;
  return {
    id,
    truth,
    firstStop,
    falseHalt: benign && firstStop !== null,
    stoppedBeforeOnset: !benign && firstStop !== null && firstStop.t < truth.onsetT,
    caught: detection !== null,
    detection,
    lowExposureEligible,
    caughtAtLowExposure: lowExposureEligible && detection !== null && detection.exposure <= LOW_EXPOSURE_PCT,
    segmentNamed: detection && segment && truth.scope === 'segment' ? sameLabels(detection.segment, segment) : null,
    segmentBlamed: detection && truth.scope !== 'segment' ? detection.segment !== null : null,
  };
}

export interface Rate {
  hits: number;
  n: number;
  /** null when nothing was counted. */
  rate: number | null;
  /** Wilson score interval at 95 %: honest at 0 and at small n, where the normal interval is not. */
  low: number;
  high: number;
}

export function wilson(hits: number, n: number, z = 1.959964): Rate {
  if (n === 0) return { hits, n, rate: null, low: 0, high: 1 };
  const p = hits / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { hits, n, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface CorpusScore {
  falseHaltHealthy: Rate;
  falseHaltImproved: Rate;
  /** Of beyond-tolerance regressions. */
  caught: Rate;
  /** Of beyond-tolerance regressions whose onset was at ≤ 5 % exposure. */
  caughtAtLowExposure: Rate;
  /** Of caught single-segment regressions. */
  segmentNamed: Rate;
  /** Informative, no target: caught regressions not confined to a segment whose stop named one. */
  segmentBlamed: Rate;
  /** Informative, no target: stops on changes within tolerance, and stops before a late onset. */
  subtoleranceStopped: Rate;
  stoppedBeforeOnset: Rate;
  medianExposure: number | null;
  medianMinutes: number | null;
}

function rate(scores: readonly ScenarioScore[], among: (s: ScenarioScore) => boolean, hit: (s: ScenarioScore) => boolean): Rate {
  const pool = scores.filter(among);
  return wilson(pool.filter(hit).length, pool.length);
}

export function scoreCorpus(scores: readonly ScenarioScore[]): CorpusScore {
  const regression = (s: ScenarioScore) => s.truth.kind === 'regression' && s.truth.beyondTolerance;
  const caught = scores.filter((s) => s.detection !== null);
  return {
    falseHaltHealthy: rate(scores, (s) => s.truth.kind === 'healthy', (s) => s.falseHalt),
    falseHaltImproved: rate(scores, (s) => s.truth.kind === 'improvement', (s) => s.falseHalt),
    caught: rate(scores, regression, (s) => s.caught),
    caughtAtLowExposure: rate(scores, (s) => s.lowExposureEligible, (s) => s.caughtAtLowExposure),
    segmentNamed: rate(scores, (s) => s.segmentNamed !== null, (s) => s.segmentNamed === true),
    segmentBlamed: rate(scores, (s) => s.segmentBlamed !== null, (s) => s.segmentBlamed === true),
    subtoleranceStopped: rate(scores, (s) => s.truth.kind === 'subtolerance', (s) => s.firstStop !== null),
    stoppedBeforeOnset: rate(scores, (s) => s.truth.scope === 'late-onset' && s.truth.kind !== 'healthy', (s) => s.stoppedBeforeOnset),
    medianExposure: median(caught.map((s) => s.detection!.exposure)),
    medianMinutes: median(caught.map((s) => s.detection!.minutes)),
  };
}
