import type { MetricName } from '../../../../shared/domain/metrics.ts';
import type { Check, GateResult, Outcome, SegmentCheck } from '../../../../shared/gates/types.ts';
import { failValue, needsText } from '../evidenceText.ts';

/** A metric's verdict across the gates on it: the worst outcome, and what decided it. */
export interface MetricVerdict {
  outcome: Outcome;
  gateIds: string[];
  /** In product words: "eu-west · evidence 9.1 of 8.8", "needs ≈ 40 min"; null for a pass or no data. */
  reason: string | null;
  /** The deciding gate's summary, for the hover. */
  summary: string;
}

const SEVERITY: Record<Outcome, number> = { pass: 0, no_data: 1, inconclusive: 2, fail: 3 };

/** How close a failed unit came, relative to its boundary: the one furthest past it decided most. */
const failStrength = (c: Check): number => (c.evidence ? failValue(c.evidence) / Math.max(c.evidence.boundary, 1e-9) : 0);

/** The failing unit of a failed gate: its total when the total failed, else its most decided failing segment. */
function failedUnit(r: GateResult): { where: string | null; check: Check } {
  if (r.total.outcome === 'fail') return { where: null, check: r.total };
  const failing = r.segments.filter((s) => s.outcome === 'fail');
  const worst = failing.reduce<SegmentCheck | null>((a, b) => (a === null || failStrength(b) > failStrength(a) ? b : a), null);
  return worst ? { where: worst.key, check: worst } : { where: null, check: r.total };
}

function failReason(r: GateResult): string | null {
  const { where, check } = failedUnit(r);
  const e = check.evidence;
  const strength = e ? `evidence ${failValue(e).toFixed(1)} of ${e.boundary.toFixed(1)}` : null;
  return [where, strength].filter((s) => s !== null).join(' · ') || null;
}

/** Minutes an undecided gate still needs; one that cannot decide at all counts as the longest. */
const waitOf = (r: GateResult): number => {
  const needs = r.total.evidence?.needs;
  return needs ? (needs.minutes ?? Number.POSITIVE_INFINITY) : -1;
};

export function metricVerdict(results: readonly GateResult[], metric: MetricName): MetricVerdict | null {
  const own = results.filter((r) => r.metric === metric);
  if (own.length === 0) return null;
  const worst = own.reduce((a, b) => (SEVERITY[b.outcome] > SEVERITY[a.outcome] ? b : a));
  const gateIds = own.map((r) => r.gateId);
  if (worst.outcome === 'fail') return { outcome: 'fail', gateIds, reason: failReason(worst), summary: worst.summary };
  if (worst.outcome === 'inconclusive') {
    // The gate that keeps the metric undecided longest is the one to wait for.
    const slowest = own.filter((r) => r.outcome === 'inconclusive').reduce((a, b) => (waitOf(b) > waitOf(a) ? b : a));
    const needs = slowest.total.evidence?.needs;
    return { outcome: 'inconclusive', gateIds, reason: needs ? needsText(needs) : null, summary: slowest.summary };
  }
  return { outcome: worst.outcome, gateIds, reason: null, summary: worst.summary };
}
