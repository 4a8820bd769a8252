import type { Decision } from '../../../shared/domain/release.ts';
import { formatWhen } from '../../lib/format.ts';
import { ACTION_LABEL } from '../../lib/labels.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

const VERDICT_TEXT: Record<Exclude<Decision['verdict'], 'none'>, string> = {
  pass: 'passing',
  fail: 'failing',
  inconclusive: 'inconclusive',
  no_data: 'no data',
};

export function DecisionList({ decisions }: { decisions: Decision[] }) {
  return (
    <section className="panel decisions" aria-labelledby="decisions-title">
      <h2 id="decisions-title">Recent decisions</h2>
      {decisions.length === 0 ? <p className="empty">No decisions yet.</p> : null}
      <ol className="decision-list" data-testid="decision-list">
        {decisions.map((d) => (
          <li key={d.id} className="decision" data-testid="decision-item">
            <div className="decision-head">
              <strong className="decision-action">{ACTION_LABEL[d.action]}</strong>
              <span className="decision-move">
                <StatusBadge status={d.fromStatus} /> <span aria-hidden="true">→</span>
                <span className="visually-hidden">to</span> <StatusBadge status={d.toStatus} />
              </span>
              <time dateTime={new Date(d.createdAt).toISOString()} title={new Date(d.createdAt).toLocaleString()}>
                {formatWhen(d.createdAt)}
              </time>
            </div>
            <p className="decision-reason">{d.reason}</p>
            <p className="decision-actor muted">
              by {d.actor}
              {d.verdict !== 'none' ? ` · gates: ${VERDICT_TEXT[d.verdict]}` : ''}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
