import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TrainView } from '../../../shared/domain/views.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Timeline } from '../timeline/Timeline.tsx';
import { TrainCard } from './TrainCard.tsx';
import { TrainForm } from './TrainForm.tsx';
import { useTrains } from './useTrains.ts';
import { hasDraft } from '../../lib/drafts.ts';
import type { FormMode } from './trainFormState.ts';
import './trains.css';

/** One train: its runs and everything that happened on it (phases, releases, decisions, flags) in one timeline. */
export function TrainPage() {
  const { id = '' } = useParams();
  const { trains, error, retry, role } = useTrains();
  const view = trains?.find((t) => t.train.id === id) ?? null;
  // The form edits the train as it was when opened; saving replaces it in the store, so the card shows the change.
  const [editing, setEditing] = useState<FormMode | null>(null);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  usePageTitle(view?.train.name ?? 'Train');

  // An edit left with a draft opens again with it, once the train is known.
  const reopened = useRef(false);
  useEffect(() => {
    if (reopened.current || !view || role !== 'operator') return;
    reopened.current = true;
    if (hasDraft(`train:edit:${view.train.id}`)) setEditing({ kind: 'edit', original: view.train, version: view.version, openedAt: Date.now() });
  }, [view, role]);

  const open = (opened: TrainView) => {
    setSaved(false);
    setEditing(editing ? null : { kind: 'edit', original: opened.train, version: opened.version, openedAt: Date.now() });
  };
  const close = (didSave: boolean) => {
    setEditing(null);
    setSaved(didSave);
    editButton.current?.focus();
  };

  return (
    <section className="page">
      <p className="crumbs">
        <Link to="/trains">← Trains</Link>
      </p>
      <header className="page-header">
        <h1>{view?.train.name ?? `Train ${id}`}</h1>
        {view && role === 'operator' ? (
          <button ref={editButton} type="button" className="button page-action" aria-expanded={editing !== null} onClick={() => open(view)}>
            Edit train
          </button>
        ) : null}
      </header>
      <p className="form-status" role="status">
        {saved ? 'Train saved.' : ''}
      </p>
      {editing?.kind === 'edit' && editing.original.id === view?.train.id ? <TrainForm mode={editing} onCancel={() => close(false)} onSaved={() => close(true)} /> : null}
      {error ? <ErrorBanner error={error} context="Could not load the trains" onRetry={retry} /> : null}
      {!trains && !error ? <Loading what="the train" /> : null}
      {trains && !view ? <p className="empty">There is no train “{id}”.</p> : null}
      {view ? (
        <>
          <TrainCard view={view} linkTitle={false} />
          <Timeline subject={{ trainId: view.train.id }} title="Train timeline" />
        </>
      ) : null}
    </section>
  );
}
