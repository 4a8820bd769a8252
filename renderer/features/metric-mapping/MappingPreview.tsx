import { Fragment } from 'react';
import { METRICS } from '../../../shared/domain/metrics.ts';
import type { MappingPreview as Preview, MetricPreview } from '../../../shared/sources/preview.ts';
import type { AppError } from '../../../shared/result.ts';
import { formatClock } from '../../lib/format.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { metricTitle, previewRows, previewSummary, previewValue, progressText, segmentName, type PreviewCell } from './previewText.ts';

/** The two cohorts, each a value column and a weight column, in this order. */
const COHORTS = [
  { key: 'canary', label: 'Canary' },
  { key: 'baseline', label: 'Baseline' },
] as const;

const weightFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** What a preview is doing or brought back: progress while the queries run, then per metric what each cohort and segment returned. */
export function MappingPreview({ running, queries, preview, error }: { running: boolean; queries: number; preview: Preview | null; error: AppError | null }) {
  return (
    <section className="preview" aria-labelledby="preview-title" aria-busy={running || undefined} data-testid="mapping-preview">
      <div className="preview-head">
        <h3 id="preview-title">Preview</h3>
        {preview && !running ? (
          <span className="muted">
            Newest intervals between {formatClock(preview.windowStart)} and {formatClock(preview.windowEnd)}, asked at {formatClock(preview.at)}; nothing is stored.
          </span>
        ) : null}
      </div>
      <div aria-live="polite">
        {running ? (
          <p className="preview-progress" role="status" data-testid="preview-progress">
            <span className="spinner" aria-hidden="true" />
            {progressText(queries)}
          </p>
        ) : null}
      </div>
      {error && !running ? <ErrorBanner error={error} context="Could not run the preview" /> : null}
      {preview && !running ? (
        <div className="preview-grid">
          {preview.metrics.map((m) => (
            <MetricResult key={m.metric} preview={m} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

function Cell({ cell, unit }: { cell: PreviewCell | null; unit: string }) {
  if (!cell) return <td className="num missing">—</td>;
  return <td className="num">{previewValue(cell.value, unit)}</td>;
}

function Weight({ cell }: { cell: PreviewCell | null }) {
  return <td className={`num${cell ? '' : ' missing'}`}>{cell ? weightFormat.format(cell.weight) : '—'}</td>;
}

function MetricResult({ preview }: { preview: MetricPreview }) {
  const summary = previewSummary(preview);
  const unit = (METRICS as Record<string, { unit: string } | undefined>)[preview.metric]?.unit ?? '';
  const rows = previewRows(preview);
  const newest = Math.max(...rows.flatMap((r) => [r.canary?.t ?? -Infinity, r.baseline?.t ?? -Infinity]));
  const badge = summary.tone === 'ok' ? 'badge-rolling' : summary.tone === 'empty' ? 'badge-warn' : 'badge-bad';
  return (
    <article className="preview-metric" data-testid={`preview-${preview.metric}`} aria-labelledby={`preview-${preview.metric}-title`}>
      <h4 id={`preview-${preview.metric}-title`}>
        {metricTitle(preview.metric)} <span className="mono muted">{preview.metric}</span>
        <span className={`badge ${badge}`}>{summary.title}</span>
      </h4>
      <p className={`preview-message tone-${summary.tone}`} data-testid={`preview-message-${preview.metric}`}>
        {summary.message}
      </p>
      {rows.length > 0 ? (
        <table className="small-table preview-table">
          <caption className="visually-hidden">
            {metricTitle(preview.metric)}: newest value and weight per segment and cohort{Number.isFinite(newest) ? `, interval ending ${formatClock(newest)}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              {COHORTS.map((c) => (
                <Fragment key={c.key}>
                  <th scope="col" className="num">
                    <span className={`swatch swatch-${c.key}`} aria-hidden="true" /> {c.label}
                  </th>
                  <th scope="col" className="num">
                    Weight
                  </th>
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`preview-row-${preview.metric}-${segmentName(r.segment)}`}>
                <th scope="row">{segmentName(r.segment)}</th>
                {COHORTS.map((c) => (
                  <Fragment key={c.key}>
                    <Cell cell={r[c.key]} unit={unit} />
                    <Weight cell={r[c.key]} />
                  </Fragment>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
