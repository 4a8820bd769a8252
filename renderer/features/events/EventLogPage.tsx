import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { LoggedEvent } from '../../../shared/domain/events.ts';
import { eventKindLabel } from '../../../shared/domain/eventKinds.ts';
import { formatTimestamp } from '../../lib/format.ts';
import { actorLabel } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useInfo } from '../../api/useInfo.ts';
import { useStore } from '../../store/context.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { EventLogStatus } from '../settings/EventLogStatus.tsx';
import { ListState } from '../../ui/ListState.tsx';
import './events.css';

/** The append-only, hash-chained log of every change: searchable, paged back in time, with its integrity. */
export function EventLogPage() {
  usePageTitle('Event log');
  const info = useInfo().data;
  const { verifyEventLog } = useWrites();
  const lastSearch = useStore((s) => s.eventSearch);
  const setLastSearch = useStore((s) => s.setEventSearch);
  // The search lives in the address (?q=), so a link or a new tab opens the log already searched;
  // without one, coming back to the page repeats the last search, fetched fresh.
  const [params, setParams] = useSearchParams();
  // Taken once, on arrival: the last search, to put back in an address that has none.
  const restore = useRef(params.has('q') ? '' : lastSearch);
  const asked = params.get('q') ?? restore.current;
  const [text, setText] = useState(asked);
  const searchId = useId();
  const log = useInfiniteQuery({ ...useReads().events(asked), ...FRESH_ON_OPEN });
  const events = log.data?.pages.flat() ?? null;
  const error = appErrorOf(log.error);
  const query = asked.trim();

  const search = useCallback((q: string) => setParams(q ? { q } : {}, { replace: true }), [setParams]);
  useEffect(() => void verifyEventLog(), [verifyEventLog]);
  useEffect(() => {
    if (restore.current) search(restore.current);
    restore.current = '';
  }, [search]);
  useEffect(() => {
    setText(asked);
    setLastSearch(asked);
  }, [asked, setLastSearch]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    // The same search again fetches afresh; a new one goes through the address.
    if (q === asked) void log.refetch();
    else search(q);
  };
  const more = log.hasNextPage;
  const busy = log.isFetching;

  return (
    <section className="page">
      <h1>Event log</h1>
      {info ? <EventLogStatus report={info.eventLog} /> : <Loading what="the integrity check" />}
      <section className="panel" aria-labelledby="events-title">
        <h2 id="events-title">Events, newest first</h2>
        <form className="event-search" role="search" onSubmit={submit}>
          <label htmlFor={searchId}>Search</label>
          <input id={searchId} className="input" type="search" value={text} placeholder="kind, subject, actor or anything in the payload" onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button">
            Search
          </button>
          {query ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setText('');
                search('');
              }}
            >
              Clear
            </button>
          ) : null}
        </form>
        <ListState items={events} error={error} failed="Could not read the event log" loading="events" empty={query ? `No event matches “${query}”.` : 'The log is empty.'} />
        {events && events.length > 0 ? (
          <table className="small-table event-table" data-testid="event-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Subject</th>
                <th scope="col">Actor</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <EventRow key={e.seq} event={e} />
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="form-buttons event-more">
          {more ? (
            <button type="button" className="button" onClick={() => void log.fetchNextPage()} aria-busy={busy || undefined} aria-disabled={busy || undefined}>
              Load older
            </button>
          ) : events && events.length > 0 ? (
            <span className="muted">That is the oldest {query ? 'match' : 'event'}.</span>
          ) : null}
          <span role="status" className="muted">
            {busy ? 'Loading…' : ''}
          </span>
        </div>
      </section>
    </section>
  );
}

function EventRow({ event: e }: { event: LoggedEvent }) {
  const payload = JSON.stringify(e.payload);
  return (
    <tr>
      <td className="num mono">{e.seq}</td>
      <td>
        <time dateTime={new Date(e.at).toISOString()} title={new Date(e.at).toLocaleString()}>
          {formatTimestamp(e.at)}
        </time>
      </td>
      <td className="event-kind" title={e.kind}>
        <span className="event-kind-label">{eventKindLabel(e)}</span>
        <span className="event-kind-raw mono muted">{e.kind}</span>
      </td>
      <td className="mono">{e.subject ?? '—'}</td>
      <td>{actorLabel(e.actor)}</td>
      <td className="event-payload">
        <details>
          <summary className="mono">{payload.length > 90 ? `${payload.slice(0, 90)}…` : payload}</summary>
          <pre className="mono">{JSON.stringify(e.payload, null, 2)}</pre>
          <p className="muted mono event-hash">hash {e.hash.slice(0, 16)}…</p>
        </details>
      </td>
    </tr>
  );
}
