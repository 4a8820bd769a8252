import { Link } from 'react-router';
import type { TrainView } from '../../../shared/domain/views.ts';
import { TARGET_LABEL } from '../../lib/labels.ts';
import { useNow } from '../../lib/useNow.ts';
import { useRole } from '../../api/useInfo.ts';
import { cadenceText } from './band.ts';
import { CutReleaseForm } from './CutReleaseForm.tsx';
import { RunView } from './RunView.tsx';

/** One train: what it ships and how often, who watches, its current and next run, and a way to cut a release. */
export function TrainCard({ view, linkTitle = true }: { view: TrainView; linkTitle?: boolean }) {
  const role = useRole();
  const now = useNow(60_000);
  const { train } = view;
  const titleId = `train-${train.id}-title`;
  const monitorIndex = view.current.run % train.rotation.length;
  return (
    <article className="panel train-card" aria-labelledby={titleId} data-testid={`train-${train.id}`}>
      <header className="train-head">
        {/* On the train's own page the h1 names it already; the heading stays for the article's name. */}
        <h2 id={titleId} className={linkTitle ? undefined : 'visually-hidden'}>
          {linkTitle ? <Link to={`/trains/${encodeURIComponent(train.id)}`}>{train.name}</Link> : train.name}
        </h2>
        <span className="muted">
          {train.app} · {TARGET_LABEL[train.target]} · {cadenceText(train.cadenceDays)} · plan “{train.plan.name}” ({train.plan.stages.length} stages)
        </span>
      </header>
      <p className="rotation">
        <span className="muted">Monitoring rotation: </span>
        {train.rotation.map((name, i) => (
          <span key={`${name}-${i}`} className={i === monitorIndex ? 'rotation-now' : undefined}>
            {i > 0 ? ' → ' : ''}
            {name}
          </span>
        ))}
      </p>
      <RunView trainId={train.id} run={view.current} which="current" now={now} />
      {role === 'operator' ? <CutReleaseForm trainId={train.id} trainName={train.name} /> : null}
      <RunView trainId={train.id} run={view.next} which="next" now={now} />
    </article>
  );
}
