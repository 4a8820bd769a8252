// Where a failing gate fails: the segment to name in the stop and the halt reason.
import type { Check, Dimension, SegmentCheck } from '../gates/types.ts';
import type { TestKind, TestState } from './state.ts';

/**
 * An estimate is past the margin in the bad direction: a share of intervals past ½ (quantiles), a
 * rate or ratio past the margin (rates; a zero is past it only where lower is bad).
 */
export function estimatePastMargin(test: TestKind, estimate: number, margin: number, sign: 1 | -1): boolean {
  if (test === 'sign' || test === 'one_sign') return estimate > 0.5;
  if (estimate <= 0) return sign === -1;
  return sign * (Math.log(estimate) - Math.log(margin)) > 0;
}

/** The point estimate is past the margin in the bad direction (null: no estimate yet). */
function pastMargin(check: Check, sign: 1 | -1): boolean | null {
  const e = check.evidence;
  if (!e || e.estimate === null || e.margin === null) return null;
  return estimatePastMargin(e.test, e.estimate, e.margin, sign);
}

const excess = (c: Check): number => (c.evidence ? c.evidence.maxLogE - c.evidence.boundary : Number.NEGATIVE_INFINITY);

/**
 * Log-evidence a segment needs, beside its estimate past the margin, to show the failure without
 * failing itself: an e-value of e, the data favouring a regression there by e to 1. Far below any
 * boundary, but above what a segment of a few events shows by chance (its estimate is noise).
 */
const SHOWS_LOG_E = 1;

/** The segment fails, or its estimate is past the margin with some evidence behind it. */
function shows(s: SegmentCheck, sign: 1 | -1): boolean {
  if (s.outcome === 'fail') return true;
  return pastMargin(s, sign) === true && (s.evidence?.logE ?? Number.NEGATIVE_INFINITY) >= SHOWS_LOG_E;
}

/**
 * The z the rest of a gate's traffic needs, with its estimate past the margin, to show the failure
 * too. A fixed-sample z, so higher than the e-value of SHOWS_LOG_E (z²/2 = 1) of a sequential test,
 * whose mixture costs about one more: a one-sided z of 2 is past by chance in 2.3 % of healthy rests.
 */
const REST_SHOWS_Z = 2;

/** A rate test's stage sums, total less one segment: what the rest of the gate's traffic showed. */
export interface RestOfGate {
  kind: TestKind;
  /** The total's margin: the rate ratio tolerated (two rates), or the threshold's rate (one rate). */
  margin: number;
  failNullShare: number;
  /** The total's, as dispersionOf gives it (≥ 1). */
  dispersion: number;
  sums: Pick<TestState['sums'], 'canaryEvents' | 'canaryTrials' | 'baselineEvents' | 'baselineTrials'>;
}

/**
 * The rest of the gate's traffic (every cell outside the segment) shows the failure too: its canary
 * past the margin, by a z of REST_SHOWS_Z against the failure side's null, allowing for the counts'
 * dispersion. A global regression crosses first in the segment with the most traffic, while the
 * other segments, each with less, have shown little yet; pooled, they show it. Rates only: a
 * quantile's share of intervals past the limit does not subtract.
 */
export function restShows(rest: RestOfGate, sign: 1 | -1): boolean {
  const { canaryEvents: ce, canaryTrials: ct, baselineEvents: be, baselineTrials: bt } = rest.sums;
  const shows = (n: number, p: number): boolean => (sign * (ce - n * p)) / Math.sqrt(n * p * (1 - p)) >= REST_SHOWS_Z * Math.sqrt(rest.dispersion);
  if (rest.kind === 'one_rate') {
    // The canary's events of its trials, binomial at the threshold's rate.
    const p0 = rest.margin;
    return ct > 0 && p0 > 0 && p0 < 1 && estimatePastMargin(rest.kind, ce / ct, p0, sign) && shows(ct, p0);
  }
  if (rest.kind !== 'two_rate' || !(ct > 0 && bt > 0 && be > 0)) return false;
  if (!estimatePastMargin(rest.kind, ce / ct / (be / bt), rest.margin, sign)) return false;
  // Canary events of all events, binomial at the failure null's share, as the test conditions them.
  const r = Math.pow(rest.margin, rest.failNullShare);
  return shows(ce + be, (r * ct) / (r * ct + bt));
}

/**
 * Where the gate fails (see GateResult.cause): a segment that shows the failure while the other
 * segments of its dimension do not, failing ones first, then the most evidence past the boundary.
 * A regional regression shows in every device (each holds that region's cells), but in one region
 * only. Where several segments of every dimension show it, or the rest of the traffic pooled does
 * (`restOf`, null where it cannot say), it is everywhere, and none is named: a failing segment alone
 * would send a person to one region for a release that is broken in all.
 */
export function causeOf(
  total: Check,
  segments: readonly SegmentCheck[],
  sign: 1 | -1,
  restOf: (s: SegmentCheck) => RestOfGate | null = () => null,
): { dimension: Dimension; key: string } | null {
  if (total.outcome !== 'fail' && !segments.some((s) => s.outcome === 'fail')) return null;
  const alone: SegmentCheck[] = [];
  for (const dimension of new Set(segments.map((s) => s.dimension))) {
    const inDimension = segments.filter((s) => s.dimension === dimension);
    const showing = inDimension.filter((s) => shows(s, sign));
    if (showing.length !== 1 || inDimension.length < 2) continue;
    const rest = restOf(showing[0]!);
    if (!rest || !restShows(rest, sign)) alone.push(showing[0]!);
  }
  const failsFirst = (a: SegmentCheck, b: SegmentCheck): number => Number(b.outcome === 'fail') - Number(a.outcome === 'fail') || excess(b) - excess(a);
  const top = alone.sort(failsFirst)[0];
  return top ? { dimension: top.dimension, key: top.key } : null;
}
