import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Timeline } from '../timeline/Timeline.tsx';
import { TrainCard } from './TrainCard.tsx';
import './trains.css';

/** One train: its runs and everything that happened on it (phases, releases, decisions, flags) in one timeline. */
export function TrainPage() {
  const { id = '' } = useParams();
  const trains = useStore((s) => s.trains);
  const error = useStore((s) => s.trainsError);
  const loadTrains = useStore((s) => s.loadTrains);
  const loadReleases = useStore((s) => s.loadReleases);
  const view = trains?.find((t) => t.train.id === id) ?? null;
  usePageTitle(view?.train.name ?? 'Train');

  useEffect(() => {
    void loadTrains();
    void loadReleases();
  }, [loadTrains, loadReleases]);

  return (
    <section className="page">
      <p className="crumbs">
        <Link to="/trains">← Trains</Link>
      </p>
      <h1>{view?.train.name ?? `Train ${id}`}</h1>
      {error ? <ErrorBanner error={error} context="Could not load the trains" onRetry={() => void loadTrains()} /> : null}
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
