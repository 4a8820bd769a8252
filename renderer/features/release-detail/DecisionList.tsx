import type { Decision } from '../../../shared/domain/release.ts';
import { DecisionItem } from '../decisions/DecisionItem.tsx';
import '../decisions/decisions.css';

export function DecisionList({ decisions }: { decisions: Decision[] }) {
  return (
    <section className="panel decisions" aria-labelledby="decisions-title">
      <h2 id="decisions-title">Recent decisions</h2>
      {decisions.length === 0 ? <p className="empty">No decisions yet.</p> : null}
      <ol className="decision-list decision-list-scroll" data-testid="decision-list">
        {decisions.map((d) => (
          <DecisionItem key={d.id} decision={d} />
        ))}
      </ol>
    </section>
  );
}
