import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PhaseView, TrainRun } from '../../../shared/domain/trains.ts';
import type { AppError } from '../../../shared/result.ts';
import { formatShortDate } from '../../lib/format.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { useRole } from '../../api/useInfo.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { bandLayout } from './band.ts';

const STATE_TEXT: Record<PhaseView['state'], string> = { done: 'Done', current: 'Current', upcoming: 'Upcoming' };

/** One run of a train: its phases as a band with today marked, then each phase with owner and checklist. */
export function RunView({ trainId, run, which, now }: { trainId: string; run: TrainRun; which: 'current' | 'next'; now: number }) {
  const layout = bandLayout(run, now);
  const releases = useQuery(useReads().releases()).data ?? null;
  const title = which === 'current' ? 'Current run' : 'Next run';
  const names = new Map(releases?.map((r) => [r.id, r.name]) ?? []);
  return (
    <section className={`run run-${which}`} aria-label={`${title}: ${run.label}`} data-testid={`run-${which}`}>
      <header className="run-head">
        <h3>
          {title} <span className="muted">· {run.label}</span>
        </h3>
        <span className="muted">
          {formatShortDate(run.kickoffAt)} → {formatShortDate(run.endsAt - 1)}
        </span>
        <span className="on-watch" data-testid={`on-watch-${which}`}>
          On watch: <strong>{run.monitor}</strong>
        </span>
      </header>
      <div className="band" role="img" aria-label={bandDescription(run, layout.today !== null)}>
        {layout.segments.map(({ phase, left, width }) => (
          <div
            key={phase.phase}
            className={`band-seg band-${phase.state}${phase.overdue ? ' band-overdue' : ''}`}
            style={{ left: `${left}%`, width: `${width}%` }}
            title={`${phase.label}: ${formatShortDate(phase.startsAt)}, owner ${phase.owner}${phase.overdue ? ' — overdue' : ''}`}
          >
            <span className="band-label">{phase.label}</span>
            <span className="band-date">
              {phase.overdue ? <strong className="band-overdue-text">Overdue · </strong> : null}
              {formatShortDate(phase.startsAt)}
            </span>
          </div>
        ))}
        {layout.today !== null ? (
          <div className="band-today" style={{ left: `${layout.today}%` }} aria-hidden="true">
            <span>today</span>
          </div>
        ) : null}
      </div>
      {which === 'current' ? (
        <PhaseList trainId={trainId} run={run} />
      ) : (
        <details className="next-phases">
          <summary>Phases and checklists of the next run</summary>
          <PhaseList trainId={trainId} run={run} />
        </details>
      )}
      <p className="run-releases">
        <span className="muted">Releases of this run: </span>
        {run.releaseIds.length === 0 ? <span className="muted">none yet</span> : null}
        {run.releaseIds.map((id, i) => (
          <span key={id}>
            {i > 0 ? ', ' : ''}
            <Link to={`/releases/${encodeURIComponent(id)}`}>{names.get(id) ?? id}</Link>
          </span>
        ))}
      </p>
    </section>
  );
}

function bandDescription(run: TrainRun, underway: boolean): string {
  const current = run.phases.find((p) => p.state === 'current');
  const overdue = run.phases.filter((p) => p.overdue).map((p) => p.label);
  return [
    `${run.label}: ${run.phases.map((p) => `${p.label} from ${formatShortDate(p.startsAt)}`).join(', ')}.`,
    underway && current ? `Now in ${current.label}.` : '',
    overdue.length ? `Overdue: ${overdue.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function PhaseList({ trainId, run }: { trainId: string; run: TrainRun }) {
  return (
    <ol className="phase-list">
      {run.phases.map((p) => (
        <li key={p.phase} className={`phase phase-${p.state}${p.overdue ? ' phase-overdue' : ''}`} data-testid={`phase-${p.phase}`} aria-current={p.state === 'current' ? 'step' : undefined}>
          <div className="phase-head">
            <strong>{p.label}</strong>
            {p.overdue ? <span className="badge badge-bad">Overdue</span> : <span className={`badge ${p.state === 'current' ? 'badge-info' : 'badge-muted'}`}>{STATE_TEXT[p.state]}</span>}
          </div>
          <p className="phase-dates muted">
            {formatShortDate(p.startsAt)} → {formatShortDate(p.endsAt - 1)}
          </p>
          <p className="phase-owner">
            Owner: <strong>{p.owner}</strong>
          </p>
          {p.checklist.length > 0 ? <Checklist trainId={trainId} run={run.run} phase={p} /> : null}
        </li>
      ))}
    </ol>
  );
}

function Checklist({ trainId, run, phase }: { trainId: string; run: number; phase: PhaseView }) {
  const role = useRole();
  const { checkTrainItem } = useWrites();
  // The box shows the click at once; the host's answer confirms it (or puts it back, with the error).
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [error, setError] = useState<AppError | null>(null);
  const readOnly = role !== 'operator';
  const toggle = async (item: string, checked: boolean) => {
    setPending((p) => new Map(p).set(item, checked));
    setError(null);
    const result = await checkTrainItem({ trainId, run, phase: phase.phase, item, checked });
    setPending((p) => {
      const next = new Map(p);
      next.delete(item);
      return next;
    });
    if (!result.ok) setError(result.error);
  };
  return (
    <>
      <ul className="checklist" aria-label={`${phase.label} checklist`}>
        {phase.checklist.map((c) => {
          const busy = pending.has(c.item);
          const checked = pending.get(c.item) ?? c.checked;
          return (
            <li key={c.item}>
              <label className={checked ? 'checked' : undefined}>
                <input type="checkbox" checked={checked} disabled={readOnly} aria-busy={busy || undefined} onChange={(e) => void (busy ? undefined : toggle(c.item, e.target.checked))} />
                {c.item}
              </label>
              {c.checked && c.by && !busy ? <span className="muted check-by"> — {c.by}</span> : null}
            </li>
          );
        })}
      </ul>
      {error ? <ErrorBanner error={error} context="Could not update the checklist" /> : null}
    </>
  );
}
