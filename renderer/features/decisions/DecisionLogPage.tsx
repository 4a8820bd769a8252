import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Action } from '../../../shared/domain/release.ts';
import { ACTION_LABEL } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { DECISION_LOG_LIMIT, FRESH_ON_OPEN } from '../../api/queries.ts';
import type { DecisionFilter } from '../../api/queryKeys.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { DecisionItem } from './DecisionItem.tsx';
import './decisions.css';

const VERDICTS = [
  ['pass', 'Passing'],
  ['fail', 'Failing'],
  ['inconclusive', 'Inconclusive'],
  ['no_data', 'No data'],
  ['none', 'No gates'],
] as const;
type Verdict = (typeof VERDICTS)[number][0];
const isVerdict = (v: string | null): v is Verdict => VERDICTS.some(([known]) => known === v);
const isAction = (a: string | null): a is Action => Action.safeParse(a).success;

/** Every decision, newest first, by release, actor, action and the gates' verdict at the time. */
export function DecisionLogPage() {
  usePageTitle('Decisions');
  const reads = useReads();
  const releases = useQuery({ ...reads.releases(), ...FRESH_ON_OPEN }).data ?? null;
  const ids = { release: useId(), actor: useId(), action: useId(), verdict: useId() };
  // The filters live in the address (?release=&actor=&action=&verdict=), so a reload or a shared link
  // opens the log filtered the same way; an unknown action or verdict in a link is ignored.
  const [params, setParams] = useSearchParams();
  const releaseId = params.get('release') ?? '';
  const debouncedActor = params.get('actor') ?? '';
  const actionParam = params.get('action');
  const action: Action | '' = isAction(actionParam) ? actionParam : '';
  const verdictParam = params.get('verdict');
  const verdict: Verdict | '' = isVerdict(verdictParam) ? verdictParam : '';
  const [actor, setActor] = useState(debouncedActor);
  const setFilter = useCallback(
    (key: 'release' | 'actor' | 'action' | 'verdict', value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setReleaseId = (v: string) => setFilter('release', v);
  const setAction = (v: string) => setFilter('action', v);
  const setVerdict = (v: string) => setFilter('verdict', v);

  // Typing an actor's name filters once the typing pauses, not on every key.
  useEffect(() => {
    const typed = actor.trim();
    if (typed === debouncedActor) return;
    const timer = setTimeout(() => setFilter('actor', typed), 300);
    return () => clearTimeout(timer);
  }, [actor, debouncedActor, setFilter]);

  const filter: DecisionFilter = {
    ...(releaseId ? { releaseId } : {}),
    ...(debouncedActor ? { actor: debouncedActor } : {}),
    ...(action ? { action } : {}),
    ...(verdict ? { verdict } : {}),
  };
  // A pushed decision joins every cached log it matches; the filter is part of the key.
  const log = useQuery({ ...reads.decisionLog(filter), ...FRESH_ON_OPEN });
  const decisions = log.data ?? null;
  const error = appErrorOf(log.error);

  const names = useMemo(() => new Map(releases?.map((r) => [r.id, r.name]) ?? []), [releases]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Decisions</h1>
        {decisions ? <span className="muted">{decisions.length === DECISION_LOG_LIMIT ? `the latest ${DECISION_LOG_LIMIT}` : `${decisions.length} shown`}</span> : null}
      </header>
      <form className="panel form-grid decision-filters" role="search" aria-label="Filter decisions" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.release}>Release</label>
          <select id={ids.release} className="select" value={releaseId} onChange={(e) => setReleaseId(e.target.value)}>
            <option value="">All releases</option>
            {releases?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.actor}>Actor</label>
          <input id={ids.actor} className="input" type="search" value={actor} placeholder="guard, ana…" onChange={(e) => setActor(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select id={ids.action} className="select" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All actions</option>
            {Action.options.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABEL[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.verdict}>Gate verdict</label>
          <select id={ids.verdict} className="select" value={verdict} onChange={(e) => setVerdict(e.target.value)}>
            <option value="">Any verdict</option>
            {VERDICTS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error ? <ErrorBanner error={error} context="Could not load the decisions" /> : null}
      {!decisions && !error ? <Loading what="decisions" /> : null}
      {decisions && decisions.length === 0 ? <p className="empty">No decision matches.</p> : null}
      {decisions && decisions.length > 0 ? (
        <ol className="decision-list decision-log" data-testid="decision-log">
          {decisions.map((d) => (
            <DecisionItem key={d.id} decision={d} release={{ id: d.releaseId, name: names.get(d.releaseId) ?? d.releaseId }} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
