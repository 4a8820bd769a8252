import { METRICS, type Segment } from '../../../shared/domain/metrics.ts';
import type { MetricPreview } from '../../../shared/sources/preview.ts';
import { capitalized } from '../../../shared/domain/words.ts';
import { PROBLEM_LABEL } from '../connections/connectionText.ts';

export interface PreviewCell {
  value: number | null;
  weight: number;
  t: number;
}

export interface PreviewRow {
  key: string;
  segment: Segment;
  canary: PreviewCell | null;
  baseline: PreviewCell | null;
}

const keyOf = (s: Segment): string => `${s.region}\u0000${s.device}\u0000${s.tenant}`;

/** "eu-west", "eu-west · phone", or "All traffic" for a total (no segment label mapped). */
export function segmentName(s: Segment): string {
  const parts = [s.region, s.device, s.tenant].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'All traffic';
}

/** One row per segment either cohort returned, sorted by name, with each cohort's newest interval. */
export function previewRows(preview: MetricPreview): PreviewRow[] {
  const rows = new Map<string, PreviewRow>();
  for (const c of preview.cohorts) {
    for (const p of c.points) {
      const key = keyOf(p.segment);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { key, segment: p.segment, canary: null, baseline: null }));
      row[c.cohort] = { value: p.value, weight: p.weight, t: p.t };
    }
  }
  return [...rows.values()].sort((a, b) => segmentName(a.segment).localeCompare(segmentName(b.segment)));
}

/** The metric's name as people read it, with its key when that differs. */
export function metricTitle(metric: string): string {
  const info = (METRICS as Record<string, { label: string } | undefined>)[metric];
  return info ? info.label : metric;
}

/** What the preview says about one metric, in a sentence starting with a capital: answers, an empty cohort, or the provider's error. */
export function previewSummary(preview: MetricPreview): { tone: 'ok' | 'empty' | 'error'; title: string; message: string } {
  if (preview.ok) return { tone: 'ok', title: 'Both cohorts answer', message: capitalized(preview.message.replace(/^both cohorts answer: /i, '')) };
  // A preview's refused request is always a query, refused by the provider or, before sending it, by Stagegate (an overlapping window, an unknown variable).
  if (preview.problem === 'bad_request') return { tone: 'error', title: 'Query refused', message: capitalized(preview.message) };
  if (preview.problem) return { tone: 'error', title: PROBLEM_LABEL[preview.problem], message: capitalized(preview.message) };
  return { tone: 'empty', title: 'A cohort has no metrics', message: capitalized(preview.message) };
}

const precise = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const brief = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A previewed value with its unit, to the digits that matter: "3.762 %", "676.5 ms", "—" for none. */
export function previewValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = Math.abs(value) < 10 ? precise.format(value) : brief.format(value);
  return unit ? `${text} ${unit}` : text;
}

/** "Running 12 queries…": a preview runs two queries per cohort and metric. */
export function progressText(queries: number): string {
  return `Running ${queries} ${queries === 1 ? 'query' : 'queries'}…`;
}
