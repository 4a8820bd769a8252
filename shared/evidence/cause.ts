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
