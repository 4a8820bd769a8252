import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { TrainCard } from './TrainCard.tsx';
import { TrainForm } from './TrainForm.tsx';
import { useTrains } from './useTrains.ts';
import { hasDraft } from '../../lib/drafts.ts';
import { useOpenRequest } from '../../lib/useOpenRequest.ts';
import { ListState } from '../../ui/ListState.tsx';
import './trains.css';

const NEW = { kind: 'new' } as const;

export function TrainsPage() {
  usePageTitle('Trains');
  const { trains, error, retry, role } = useTrains();
  // A new train left with a draft opens again with it.
  const [creating, setCreating] = useState(() => hasDraft('train:new'));
  const newButton = useRef<HTMLButtonElement>(null);
  useOpenRequest(['new'], () => setCreating(true));
  const navigate = useNavigate();

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
      {creating && role === 'operator' ? (
        <TrainForm
          mode={NEW}
          onSaved={(view) => navigate(`/trains/${encodeURIComponent(view.train.id)}`)}
          onCancel={() => {
            setCreating(false);
            newButton.current?.focus();
          }}
        />
      ) : null}
      <ListState items={trains} error={error} failed="Could not load the trains" loading="trains" empty="No trains yet." onRetry={retry} />
      {trains?.map((view) => (
        <TrainCard key={view.train.id} view={view} />
      ))}
    </section>
  );
}
