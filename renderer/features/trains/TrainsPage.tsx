import { useEffect, useRef, useState } from 'react';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { NewTrainForm } from './NewTrainForm.tsx';
import { TrainCard } from './TrainCard.tsx';
import './trains.css';

export function TrainsPage() {
  usePageTitle('Trains');
  const trains = useStore((s) => s.trains);
  const error = useStore((s) => s.trainsError);
  const loadTrains = useStore((s) => s.loadTrains);
  const loadReleases = useStore((s) => s.loadReleases);
  const role = useStore((s) => s.info?.role);
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void loadTrains();
    void loadReleases();
  }, [loadTrains, loadReleases]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Trains</h1>
        {trains ? <span className="muted">{trains.length === 1 ? '1 train' : `${trains.length} trains`}</span> : null}
        {role === 'operator' ? (
          <button ref={newButton} type="button" className="button primary page-action" aria-expanded={creating} onClick={() => setCreating(!creating)}>
            New train
          </button>
        ) : null}
      </header>
      {creating ? (
        <NewTrainForm
          onCancel={() => {
            setCreating(false);
            newButton.current?.focus();
          }}
        />
      ) : null}
      {error ? <ErrorBanner error={error} context="Could not load the trains" onRetry={() => void loadTrains()} /> : null}
      {!trains && !error ? <Loading what="trains" /> : null}
      {trains && trains.length === 0 ? <p className="empty">No trains yet.</p> : null}
      {trains?.map((view) => (
        <TrainCard key={view.train.id} view={view} />
      ))}
    </section>
  );
}
