import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { formatClock, formatRelative } from '../../lib/format.ts';
import { actorLabel } from '../../lib/labels.ts';
import { useNow } from '../../lib/useNow.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import type { TimelineSubject } from '../../api/queryKeys.ts';
import { groupTimeline, KIND_ICON, KIND_LABEL } from './group.ts';
import { timelineWords } from './timelineWords.ts';
import { ListState } from '../../ui/ListState.tsx';
import './timeline.css';

/** One list in time order of what happened (and, for a train, what is planned), grouped by day. */
export function Timeline({ subject, title = 'Timeline' }: { subject: TimelineSubject; title?: string }) {
  const timeline = useQuery({ ...useReads().timeline(subject), ...FRESH_ON_OPEN });
  const error = appErrorOf(timeline.error);
  const now = useNow();
  const trainId = 'trainId' in subject ? subject.trainId : null;
  const entries = timeline.data ?? null;
  const days = useMemo(() => (entries ? groupTimeline(entries, now) : []), [entries, now]);
  const headingId = `timeline-title-${'releaseId' in subject ? `release:${subject.releaseId}` : `train:${trainId}`}`;

  return (
    <section className="panel timeline-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ListState items={entries} error={error} failed="Could not load the timeline" loading="the timeline" empty="Nothing on the timeline yet." />
      <div className="timeline" data-testid="timeline">
        {days.map((day) => (
          <section key={day.day} className="tl-day" aria-label={day.label}>
            <h3 className="tl-day-label">{day.label}</h3>
            <ol className="tl-list">
              {day.entries.map((e, i) => {
                const words = timelineWords(e);
                return (
                  <li key={`${e.at}-${i}`} className={`tl-entry tl-${words.category}${e.planned ? ' tl-planned' : ''}`} data-testid="timeline-entry">
                    <span className="tl-kind">
                      <span className="tl-icon" aria-hidden="true">
                        {KIND_ICON[words.category]}
                      </span>
                      {KIND_LABEL[words.category]}
                    </span>
                    <div className="tl-body">
                      <p className="tl-title">
                        {words.title}
                        {e.planned ? <span className="badge badge-muted tl-tag">Planned</span> : null}
                      </p>
                      {words.detail ? <p className="tl-detail">{words.detail}</p> : null}
                      <p className="tl-meta muted">
                        {e.actor ? <>by {actorLabel(e.actor)}</> : null}
                        {trainId && e.releaseId ? (
                          <>
                            {e.actor ? ' · ' : ''}
                            <Link to={`/releases/${encodeURIComponent(e.releaseId)}`}>{e.releaseId}</Link>
                          </>
                        ) : null}
                      </p>
                    </div>
                    <time className="tl-time" dateTime={new Date(e.at).toISOString()} title={new Date(e.at).toLocaleString()}>
                      <span>{formatClock(e.at)}</span>
                      <span className="muted">{formatRelative(e.at, now)}</span>
                    </time>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}
