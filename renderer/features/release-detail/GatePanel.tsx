import { useQuery } from '@tanstack/react-query';
import { METRICS } from '../../../shared/domain/metrics.ts';
import type { ReleaseSummary, Stage } from '../../../shared/domain/release.ts';
import type { GateStatus } from '../../../shared/domain/views.ts';
import type { GateResult } from '../../../shared/gates/types.ts';
import { countText, isEnded } from '../../../shared/domain/words.ts';
import { formatClock, formatRelative, formatValue } from '../../lib/format.ts';
import { actorLabel, GATE_KIND_LABEL, OVERRIDE_REASON_LABEL } from '../../lib/labels.ts';
import { useNow } from '../../lib/useNow.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { OutcomeBadge } from '../../ui/OutcomeBadge.tsx';
import { GateEvidence } from './GateEvidence.tsx';
import { GateSegments } from './GateSegments.tsx';
import { guardNextText, lookAge } from './gateText.ts';

/** The current stage judged now: verdict, each gate with its numbers and segments, overrides, the guard's next step. */
export function GatePanel({ release, stages }: { release: ReleaseSummary; stages: Stage[] }) {
  const gates = useQuery({ ...useReads().gates(release.id), ...FRESH_ON_OPEN });
  const error = appErrorOf(gates.error);
  // Answered with null: the release has no stage to judge.
  const loaded = gates.data !== undefined;
  const status = gates.data ?? null;
  const stage = status ? stages[status.stageIndex] : undefined;

  return (
    <section className="panel gate-panel" aria-labelledby="gates-title" data-testid="gate-panel">
      <div className="panel-head">
        <h2 id="gates-title">Gates{stage ? ` · stage ${stage.label}` : ''}</h2>
        {status ? (
          <span className="gate-verdict">
            Verdict <OutcomeBadge outcome={status.verdict} testId="gate-verdict" />
            {status.effective !== status.verdict ? (
              <>
                {' '}
                after overrides <OutcomeBadge outcome={status.effective} testId="gate-effective" />
              </>
            ) : null}
          </span>
        ) : null}
      </div>
      {error ? <ErrorBanner error={error} context="Could not judge the gates" /> : null}
      {!loaded && !error ? <Loading what="gates" /> : null}
      {loaded && !status ? <p className="empty">No stage to judge.</p> : null}
      {status ? <GateStatusView status={status} release={release} exposurePct={release.chosenExposurePct ?? stage?.exposurePct} /> : null}
    </section>
  );
}

function GateStatusView({ status, release, exposurePct }: { status: GateStatus; release: ReleaseSummary; exposurePct: number | undefined }) {
  const now = useNow();
  const decisions = useQuery(useReads().release(release.id)).data?.decisions ?? null;
  const age = lookAge(status.evaluatedAt, now);
  const actorOf = (decisionId: string) => decisions?.find((d) => d.id === decisionId)?.actor ?? null;
  const overridden = new Map(status.overrides.map((o) => [o.gateId, o]));
  const awaiting = release.approvalRequestedAt !== null && release.status === 'rolling';
  // An ended release has no next step and nothing in force: its overrides are history, in the decisions.
  const ended = isEnded(release.status);
  return (
    <>
      <p className="gate-meta muted">
        Judged at {formatClock(status.evaluatedAt)}
        {/* A look comes with samples: an old one is a verdict that old, said beside it. */}
        {age ? <span className="look-age"> {age}</span> : null} on the window since {formatClock(status.windowStart)} · {countText(status.canarySamples)} canary samples judged
      </p>
      {ended ? null : (
        <p className="guard-next" data-testid="guard-next">
          <strong>Guard’s next step:</strong> {awaiting && status.next.kind === 'none' ? 'Awaiting approval' : guardNextText(status.next)}
        </p>
      )}
      {!ended && status.overrides.length > 0 ? (
        <div className="overrides" data-testid="gate-overrides">
          <h3>Overrides in force</h3>
          <ul>
            {status.overrides.map((o) => (
              <li key={`${o.gateId}-${o.decisionId}`}>
                <span className="mono">{o.gateId}</span> overridden{actorOf(o.decisionId) ? ` by ${actorLabel(actorOf(o.decisionId)!)}` : ''}: <strong>{OVERRIDE_REASON_LABEL[o.reasonCode]}</strong> · expires{' '}
                <time dateTime={new Date(o.expiresAt).toISOString()} title={new Date(o.expiresAt).toLocaleString()}>
                  {formatRelative(o.expiresAt, now)} ({formatClock(o.expiresAt)})
                </time>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {status.results.length === 0 ? <p className="empty">This stage has no gates: nothing to judge.</p> : null}
      <div className="gate-list">
        {status.results.map((r) => (
          <GateCard key={r.gateId} result={r} overridden={overridden.has(r.gateId)} exposurePct={exposurePct} />
        ))}
      </div>
    </>
  );
}

function GateCard({ result, overridden, exposurePct }: { result: GateResult; overridden: boolean; exposurePct: number | undefined }) {
  const unit = METRICS[result.metric].unit;
  const titleId = `gate-${result.gateId}-title`;
  return (
    <article className={`gate-card gate-${result.outcome}`} aria-labelledby={titleId} data-testid={`gate-${result.gateId}`}>
      <header className="gate-head">
        <h3 id={titleId}>
          <span className="mono">{result.gateId}</span> <span className="muted">· {METRICS[result.metric].label} · {GATE_KIND_LABEL[result.kind]}</span>
        </h3>
        <OutcomeBadge outcome={result.outcome} />
        {overridden ? <span className="badge badge-info">Overridden</span> : null}
      </header>
      <p className="gate-summary">{result.summary}</p>
      <dl className="gate-numbers">
        <div>
          <dt>Canary</dt>
          <dd>{formatValue(result.total.canary === null ? null : Number(result.total.canary.toPrecision(4)), unit)}</dd>
        </div>
        <div>
          <dt>Limit</dt>
          <dd>{formatValue(result.total.limit === null ? null : Number(result.total.limit.toPrecision(4)), unit)}</dd>
        </div>
        <div>
          <dt>Baseline</dt>
          <dd>{formatValue(result.total.baseline === null ? null : Number(result.total.baseline.toPrecision(4)), unit)}</dd>
        </div>
        <div>
          <dt>Samples</dt>
          <dd>{countText(result.total.canarySamples)}</dd>
        </div>
      </dl>
      <GateEvidence gateId={result.gateId} check={result.total} metric={result.metric} exposurePct={exposurePct} decided={result.outcome === 'fail' || result.outcome === 'pass'} />
      {result.segments.length > 0 ? (
        <GateSegments result={result} />
      ) : null}
    </article>
  );
}
