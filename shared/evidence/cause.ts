// Where a failing gate fails: the segment to name in the stop and the halt reason.
import type { Check, Dimension, SegmentCheck } from '../gates/types.ts';
import type { TestKind } from './state.ts';

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
 * Where the gate fails (see GateResult.cause): a segment that shows the failure while the other
 * segments of its dimension do not, failing ones first, then the most evidence past the boundary.
 * A regional regression shows in every device (each holds that region's cells), but in one region
 * only. Where several segments of every dimension show it, it is everywhere, and none is named: a
 * failing segment alone would send a person to one region for a release that is broken in all.
 */
export function causeOf(total: Check, segments: readonly SegmentCheck[], sign: 1 | -1): { dimension: Dimension; key: string } | null {
  if (total.outcome !== 'fail' && !segments.some((s) => s.outcome === 'fail')) return null;
  const alone: SegmentCheck[] = [];
  for (const dimension of new Set(segments.map((s) => s.dimension))) {
    const inDimension = segments.filter((s) => s.dimension === dimension);
    const showing = inDimension.filter((s) => shows(s, sign));
    if (showing.length === 1 && inDimension.length > 1) alone.push(showing[0]!);
  }
  const failsFirst = (a: SegmentCheck, b: SegmentCheck): number => Number(b.outcome === 'fail') - Number(a.outcome === 'fail') || excess(b) - excess(a);
  const top = alone.sort(failsFirst)[0];
  return top ? { dimension: top.dimension, key: top.key } : null;
}
