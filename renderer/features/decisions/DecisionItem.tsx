import { memo, useId, useState } from 'react';
import { Link } from 'react-router';
import type { Decision } from '../../../shared/domain/release.ts';
import { formatPct, formatTimestamp } from '../../lib/format.ts';
import { ACTION_LABEL, actorLabel } from '../../lib/labels.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { DecisionEvidence } from './DecisionEvidence.tsx';

const VERDICT_TEXT: Record<Exclude<Decision['verdict'], 'none'>, string> = {
  pass: 'passing',
  fail: 'failing',
  inconclusive: 'inconclusive',
  no_data: 'no data',
};

/** One decision: what, who, why, and on demand the evidence it was taken on. */
export const DecisionItem = memo(function DecisionItem({ decision: d, release }: { decision: Decision; release?: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  const evidenceId = useId();
  return (
    <li className={`decision${d.actor === 'guard' ? ' decision-guard' : ''}`} data-testid="decision-item">
      <div className="decision-head">
        <strong className="decision-action">
          {ACTION_LABEL[d.action]}
          {chosenFraction(d) !== null ? ` at ${formatPct(chosenFraction(d)!)}` : ''}
        </strong>
        <span className="decision-move">
          <StatusBadge status={d.fromStatus} /> <span aria-hidden="true">→</span>
          <span className="visually-hidden">to</span> <StatusBadge status={d.toStatus} />
        </span>
        <time dateTime={new Date(d.createdAt).toISOString()} title={new Date(d.createdAt).toLocaleString()}>
          {formatTimestamp(d.createdAt)}
        </time>
      </div>
      {release ? (
        <p className="decision-release">
          <Link to={`/releases/${encodeURIComponent(release.id)}`}>{release.name}</Link>
        </p>
      ) : null}
      <p className="decision-reason">{d.reason}</p>
      <div className="decision-foot">
        <p className="decision-actor muted">
          by <span className={d.actor === 'guard' ? 'actor-guard' : undefined}>{actorLabel(d.actor)}</span>
          {d.verdict !== 'none' ? ` · gates: ${VERDICT_TEXT[d.verdict]}` : ''}
        </p>
        <button type="button" className="button small" aria-expanded={open} aria-controls={open ? evidenceId : undefined} onClick={() => setOpen(!open)}>
          Evidence
        </button>
      </div>
      {open ? <DecisionEvidence decision={d} id={evidenceId} /> : null}
    </li>
  );
});

/** The fraction a resume chose (a Google Play rollout resumed at another fraction), from its evidence; null otherwise. */
export function chosenFraction(d: Pick<Decision, 'evidence'>): number | null {
  return d.evidence?.exposure?.chosen ?? null;
}
