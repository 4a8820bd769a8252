// The sequential tests' numbers in the words a release engineer reads beside a gate: how far the
// evidence has come towards failing and passing, what the canary looks like, how long it still needs.
import { METRICS, type MetricName } from '../../../shared/domain/metrics.ts';
import type { GateResult, UnitEvidence } from '../../../shared/gates/types.ts';
import { formatApproxMinutes, formatPct } from '../../lib/format.ts';

/** What a rate test counts, per metric: the events behind the ratio. */
const COUNTED: Record<MetricName, string> = {
  error_rate: 'errors',
  crash_free_users: 'crashes',
  kpi_conversion: 'conversions',
  p95_latency_ms: 'requests',
  dependency_error_rate: 'failed calls',
  cpu_utilization: 'intervals',
  memory_utilization: 'intervals',
};

/** log e-values to one decimal: the boundaries are a few units apart, finer would be noise. */
const logE = (v: number): string => Math.max(0, v).toFixed(1);
const ratio = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(2));
const isSign = (e: UnitEvidence): boolean => e.test === 'sign' || e.test === 'one_sign';

/** The failure side's value shown: the peak that crossed once it has crossed (it stays failed), else where it is now. */
export const failValue = (e: UnitEvidence): number => Math.max(0, e.crossedAt !== null ? e.maxLogE : e.logE);
export const passValue = (e: UnitEvidence): number => Math.max(0, e.passLogE);

/** "3.2 / 8.8" */
export const failShort = (e: UnitEvidence): string => `${logE(failValue(e))} / ${logE(e.boundary)}`;
export const passShort = (e: UnitEvidence): string => `${logE(passValue(e))} / ${logE(e.passBoundary)}`;

/** "evidence 3.2 / 8.8 to fail · 1.1 / 3.0 to pass" */
export function evidenceText(e: UnitEvidence): string {
  return `evidence ${failShort(e)} to fail · ${passShort(e)} to pass`;
}

/** A value in the estimate's words, without what is counted: "×1.08 of baseline" and its limit, "×0.10 of the limit", "0.50 %", "38 % of intervals past the limit". */
function valueWords(e: UnitEvidence, value: number): { words: string; limit: string | null } {
  if (isSign(e)) return { words: `${Math.round(value * 100)} % of intervals past the limit`, limit: null };
  if (e.test === 'one_rate') return { words: e.margin ? `×${ratio(value / e.margin)} of the limit` : `${(value * 100).toPrecision(2)} %`, limit: null };
  return { words: `×${ratio(value)} of baseline`, limit: e.margin ? `limit ×${ratio(e.margin)}` : null };
}

/** "errors ×1.08 of baseline (limit ×1.25)", "crashes ×0.10 of the limit", "38 % of intervals past the limit". */
export function estimateText(e: UnitEvidence, metric: MetricName): string {
  if (e.estimate === null) return 'no estimate yet';
  const { words, limit } = valueWords(e, e.estimate);
  if (isSign(e)) return words;
  const counted = e.test === 'one_rate' && !e.margin ? `${COUNTED[metric]} rate` : COUNTED[metric];
  return `${counted} ${words}${limit ? ` (${limit})` : ''}`;
}

/** The same for a table cell, under estimateHeader's words: "×1.08", "×0.10", "38 %". */
export function estimateShort(e: UnitEvidence): string {
  if (e.estimate === null) return '—';
  if (isSign(e)) return `${Math.round(e.estimate * 100)} %`;
  if (e.test === 'one_rate') return e.margin ? `×${ratio(e.estimate / e.margin)}` : '—';
  return `×${ratio(e.estimate)}`;
}

/** The estimate column's header for a gate's segments: what its "×1.08" or "38 %" is of. */
export function estimateHeader(r: Pick<GateResult, 'kind' | 'metric'>): string {
  if (METRICS[r.metric].model.kind !== 'rate') return 'Past limit';
  return r.kind === 'threshold' ? '× limit' : '× baseline';
}

/**
 * Why a failure side past its boundary has not failed, or null: "past the boundary, not halted: the
 * effect since the evidence began (×1.20 of baseline, limit ×1.25) is within the tolerance".
 */
export function heldText(e: UnitEvidence): string | null {
  if (e.crossedAt !== null || !e.heldBack) return null;
  if (e.heldBack === 'evidence') return `past the boundary, not halted until it stands on ${e.minEvidence} ${isSign(e) ? 'intervals' : 'canary events'} and enough intervals to know the noise`;
  const words = e.failEffect === null || e.failEffect === undefined ? null : valueWords(e, e.failEffect);
  const effect = words ? ` (${words.words}${words.limit ? `, ${words.limit}` : ''})` : '';
  return `past the boundary, not halted: the effect since the evidence began${effect} is within the tolerance`;
}

/** "12 / 10 expected canary events", "8 / 10 intervals judged": the least a test needs before it decides either way. */
export function amountText(e: UnitEvidence): string {
  const have = Math.floor(e.evidence);
  return isSign(e) ? `${have} / ${e.minEvidence} intervals judged` : `${have} / ${e.minEvidence} expected canary events`;
}

/** "counts ×1.4 noisier than chance" (than Poisson counts), or null when they behave (the tests allowed for it either way). */
export function dispersionText(e: UnitEvidence): string | null {
  return e.dispersion > 1.05 ? `counts ×${e.dispersion.toFixed(1)} noisier than chance` : null;
}

/** "needs ≈ 3 h at 10 %", or "cannot decide: no canary traffic yet". */
export function needsText(needs: UnitEvidence['needs'], exposurePct?: number): string {
  // A unit on its way to failing can still decide: "cannot decide: past the limit…" would contradict its reason.
  if (needs.minutes === null) return needs.kind === 'failing' ? needs.why : `cannot decide: ${needs.why}`;
  return `needs ${formatApproxMinutes(needs.minutes)}${exposurePct === undefined ? '' : ` at ${formatPct(exposurePct)}`}`;
}
