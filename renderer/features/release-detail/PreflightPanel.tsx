import { useId } from 'react';
import type { Preflight, PreflightCheck } from '../../../shared/domain/preflight.ts';
import type { AppError } from '../../../shared/result.ts';
import { PREFLIGHT_OUTCOME_LABEL, preflightSummary, worstFirst } from '../../lib/preflightText.ts';

interface Props {
  preflight: Preflight | null;
  running: boolean;
  error: AppError | null;
  onRerun: () => void;
}

function CheckRow({ check }: { check: PreflightCheck }) {
  const titleId = useId();
  return (
    <li className={`preflight-check preflight-${check.outcome}`} data-testid={`preflight-${check.id}`} data-outcome={check.outcome} aria-labelledby={titleId}>
      <span className={`badge preflight-badge preflight-badge-${check.outcome}`} data-testid="preflight-outcome">
        {PREFLIGHT_OUTCOME_LABEL[check.outcome]}
      </span>
      <div className="preflight-body">
        <strong id={titleId}>{check.title}</strong>
        <p className="preflight-finding" data-testid="preflight-finding">
          {check.finding}
        </p>
        {check.fix && check.outcome !== 'pass' ? (
          <p className="preflight-fix" data-testid="preflight-fix">
            <span className="preflight-fix-label">Fix:</span> {check.fix}
          </p>
        ) : null}
        {check.items.length > 0 ? (
          <details className="preflight-items">
            <summary>Details ({check.items.length})</summary>
            <ul>
              {check.items.map((item, i) => (
                <li key={`${item.subject}-${i}`} className={`preflight-item-${item.outcome}`}>
                  <span className="preflight-item-outcome">{PREFLIGHT_OUTCOME_LABEL[item.outcome]}</span> <span className="mono">{item.subject}</span>: {item.text}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </li>
  );
}

/** The checks a start runs, each with its outcome, finding and fix; run when the Start dialog opens. */
export function PreflightPanel({ preflight, running, error, onRerun }: Props) {
  const headingId = useId();
  const summary = running ? 'Running… (this queries your metrics now)' : preflight ? preflightSummary(preflight) : error ? 'Not run' : 'Not run yet';
  return (
    <section className="preflight" aria-labelledby={headingId} aria-busy={running || undefined} data-testid="preflight">
      <div className="preflight-head">
        <h3 id={headingId}>Pre-flight</h3>
        <span className="preflight-summary muted" role="status" data-testid="preflight-summary">
          {summary}
        </span>
        <button type="button" className="button small" onClick={onRerun} disabled={running}>
          Run again
        </button>
      </div>
      {error ? (
        <p className="dialog-error" role="alert">
          The pre-flight could not run: {error.message}
        </p>
      ) : null}
      {preflight ? (
        // Worst first, so what refuses the start is in view; the list scrolls (from the keyboard too) so the fields stay in view.
        <ol className="preflight-checks" aria-label="Pre-flight checks, worst first" tabIndex={0}>
          {worstFirst(preflight.checks).map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
