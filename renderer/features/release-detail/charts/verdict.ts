import type { MetricName } from '../../../../shared/domain/metrics.ts';
import type { GateResult, Outcome } from '../../../../shared/gates/types.ts';

/** What the statistical judge said about a metric, read from a gate's evidence. */
export interface JudgeSummary {
  classification: string;
  /** The always-valid p of the sequential test when there is one, else the fixed-sample p of this look. */
  p: number | null;
  reason: string;
  /** The segment the judgement is about ("eu-west") when the total passed but a segment failed. */
  where: string | null;
}

/** A metric's verdict across the gates on it: the worst outcome, and the judge where it ran. */
export interface MetricVerdict {
  outcome: Outcome;
  gateIds: string[];
  judge: JudgeSummary | null;
}

const SEVERITY: Record<Outcome, number> = { pass: 0, no_data: 1, inconclusive: 2, fail: 3 };

const record = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function judgementOf(j: Record<string, unknown>, where: string | null, fallbackReason: string): JudgeSummary {
  const p = finite(record(j.sequential)?.alwaysValidP) ?? finite(record(j.test)?.pValue);
  return { classification: String(j.classification), p, reason: typeof j.reason === 'string' ? j.reason : fallbackReason, where };
}

/**
 * The judge's evidence is free-form JSON: read what the chart shows, and nothing when it is not there.
 * The metric's total judgement, unless the total passed and a segment failed: then that segment's,
 * since it is what failed the gate.
 */
export function judgeSummary(judge: Record<string, unknown> | null): JudgeSummary | null {
  const metrics = judge?.metrics;
  const metric = Array.isArray(metrics) ? record(metrics[0]) : null;
  if (!metric || typeof metric.classification !== 'string') return null;
  const fallback = typeof judge?.reason === 'string' ? judge.reason : '';
  if (metric.failed !== true && Array.isArray(metric.segments)) {
    const failed = metric.segments.map(record).find((seg) => seg?.failed === true && typeof seg.classification === 'string');
    if (failed) return judgementOf(failed, String(failed.key), fallback);
  }
  return judgementOf(metric, null, fallback);
}

export function metricVerdict(results: readonly GateResult[], metric: MetricName): MetricVerdict | null {
  const own = results.filter((r) => r.metric === metric);
  if (own.length === 0) return null;
  const worst = own.reduce((a, b) => (SEVERITY[b.outcome] > SEVERITY[a.outcome] ? b : a));
  // The judge of the gate that decided the badge, else of any gate on the metric it judged.
  const judged = [worst, ...own].map((r) => judgeSummary(r.judge)).find((j) => j !== null) ?? null;
  return { outcome: worst.outcome, gateIds: own.map((r) => r.gateId), judge: judged };
}

/** "0.003", "< 0.001", "1": enough digits to read against α. */
export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return String(Number(p.toPrecision(p < 0.01 ? 1 : 2)));
}

/** "High · p 0.003" — the classification, the p it rests on, and where when it is a segment's. */
export function judgeText(judge: JudgeSummary): string {
  return [judge.classification, ...(judge.p === null ? [] : [`p ${formatP(judge.p)}`]), ...(judge.where ? [judge.where] : [])].join(' · ');
}
