import { Fragment, useMemo } from 'react';
import { METRICS, pastLimit } from '../../../shared/domain/metrics.ts';
import type { Decision } from '../../../shared/domain/release.ts';
import type { GateResult } from '../../../shared/gates/types.ts';
import { formatClock, formatDateTime, formatValue } from '../../lib/format.ts';
import { stageWords } from '../../../shared/preflight/text.ts';
import { OVERRIDE_REASON_LABEL } from '../../lib/labels.ts';
import { OutcomeBadge } from '../../ui/OutcomeBadge.tsx';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { failShort } from '../release-detail/evidenceText.ts';
import { countText } from '../../../shared/domain/words.ts';
import { EvidenceChart } from './EvidenceChart.tsx';
import { evidenceCharts, failingSegments } from './evidence.ts';
import type { DecisionEvidence as DecisionEvidenceData } from '../../../shared/domain/decisionEvidence.ts';
import type { PreflightEvidence } from '../../../shared/domain/preflight.ts';
import { PREFLIGHT_OUTCOME_LABEL, preflightSummary } from '../../lib/preflightText.ts';

/** The immutable snapshot a decision was taken on: gates then, overrides it created, the data behind them. */
export function DecisionEvidence({ decision, id }: { decision: Decision; id: string }) {
  const { evidence } = decision;
  if (!evidence) {
    return (
      <div className="decision-evidence" id={id} data-testid="decision-evidence">
        <p className="muted evidence-none">This evidence was stored by a newer version of Stagegate; this one cannot show it.</p>
      </div>
    );
  }
  return <EvidenceSnapshot decision={decision} evidence={evidence} id={id} />;
}

function EvidenceSnapshot({ decision, evidence, id }: { decision: Decision; evidence: DecisionEvidenceData; id: string }) {
  const { series, segmentSeries } = useMemo(() => evidenceCharts(evidence), [evidence]);
  const { gates, overridesCreated: overrides, stage, source, preflight } = evidence;
  return (
    <div className="decision-evidence" id={id} data-testid="decision-evidence">
      <p className="evidence-meta muted">
        {stage ? `Stage ${stageWords(stage.label, stage.exposurePct)}` : `Stage ${decision.stageIndex + 1}`}
        {gates?.windowStart ? ` · window ${formatClock(gates.windowStart)}–${formatClock(gates.windowEnd)}` : ''}
        {gates ? ` · ${countText(gates.canarySamples)} canary samples judged` : ''}
        {source ? (
          <>
            {' · '}
            <SourceBadge source={source} testId="evidence-source" decidedAt={decision.createdAt} />
          </>
        ) : null}
      </p>
      {gates && gates.results.length > 0 ? (
        <>
          <p className="evidence-verdict">
            Gates then: <OutcomeBadge outcome={gates.verdict} />
            {gates.effective !== gates.verdict ? (
              <>
                {' '}
                after overrides <OutcomeBadge outcome={gates.effective} />
              </>
            ) : null}
          </p>
          <ul className="evidence-gates">
            {gates.results.map((r) => {
              const failing = failingSegments(r);
              const unit = METRICS[r.metric].unit;
              return (
                <li key={r.gateId} className={`evidence-gate gate-${r.outcome}`}>
                  <div className="evidence-gate-head">
                    <OutcomeBadge outcome={r.outcome} /> <span className="mono">{r.gateId}</span>
                  </div>
                  <p className="evidence-summary">{r.summary}</p>
                  {r.segments.length > 0 ? <EvidenceSegments result={r} /> : null}
                  {failing.length > 0 ? (
                    <p className="evidence-failing">
                      Failing segments:{' '}
                      {failing.map((s, i) => (
                        <span key={`${s.dimension}-${s.key}`}>
                          {i > 0 ? ', ' : ''}
                          <strong>
                            {s.dimension} {s.key}
                          </strong>{' '}
                          ({formatValue(s.canary === null ? null : Number(s.canary.toPrecision(4)), unit)} vs limit {formatValue(s.limit === null ? null : Number(s.limit.toPrecision(4)), unit)})
                        </span>
                      ))}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="muted evidence-none">No gates were judged for this decision.</p>
      )}
      {overrides.length > 0 ? (
        <div className="evidence-overrides">
          <h4>Overrides created</h4>
          <ul>
            {overrides.map((o) => (
              <li key={o.gateId}>
                <span className="mono">{o.gateId}</span>: {OVERRIDE_REASON_LABEL[o.reasonCode]}, until {formatDateTime(o.expiresAt)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preflight ? <EvidencePreflight preflight={preflight} /> : null}
      {series.length > 0 || segmentSeries.length > 0 ? (
        <div className="evidence-charts">
          {series.map((s) => (
            <Fragment key={s.metric}>
              {/* Where a gate failed in one segment, that segment comes first, named; the total follows. */}
              {segmentSeries
                .filter((seg) => seg.metric === s.metric)
                .map((seg) => (
                  <EvidenceChart key={`${seg.dimension}-${seg.key}`} series={seg} segment={seg} gates={stage?.gates ?? null} />
                ))}
              <EvidenceChart series={s} segment={null} gates={stage?.gates ?? null} overall={segmentSeries.some((seg) => seg.metric === s.metric)} />
            </Fragment>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** The pre-flight a start ran: what each check said then, and the override that went past a failure. */
function EvidencePreflight({ preflight }: { preflight: PreflightEvidence }) {
  return (
    <div className="evidence-preflight" data-testid="evidence-preflight">
      <h4>Pre-flight then: {preflightSummary(preflight)}</h4>
      {preflight.override ? (
        <p className="evidence-preflight-override" data-testid="evidence-preflight-override">
          Started anyway by {preflight.override.actor} past {preflight.overridden.length === 1 ? 'a failed check' : `${preflight.overridden.length} failed checks`}: “{preflight.override.reason}”
        </p>
      ) : null}
      {preflight.monitor ? <p className="muted">Named to watch: {preflight.monitor}</p> : null}
      <ul>
        {preflight.checks.map((c) => (
          <li key={c.id} className={`evidence-preflight-${c.outcome}`}>
            <strong>{PREFLIGHT_OUTCOME_LABEL[c.outcome]}</strong> {c.title}: {c.finding}
          </li>
        ))}
      </ul>
    </div>
  );
}

const short = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : String(Number(v.toPrecision(4))));

/** Every segment the gate looked at, as it stood: where the canary was worst, even before a segment had enough samples to fail alone. */
function EvidenceSegments({ result }: { result: GateResult }) {
  const unit = METRICS[result.metric].unit;
  const dimensions = new Set(result.segments.map((s) => s.dimension));
  const only = dimensions.size === 1 ? [...dimensions][0]! : null;
  return (
    <div className="evidence-scroll">
      <table className="small-table evidence-segments">
        <caption className="visually-hidden">Segments of gate {result.gateId} at the time</caption>
        <thead>
          <tr>
            <th scope="col">{only ? only[0]!.toUpperCase() + only.slice(1) : 'Segment'}</th>
            <th scope="col" className="num">Canary{unit ? ` (${unit})` : ''}</th>
            <th scope="col" className="num">Limit</th>
            <th scope="col" className="num">n</th>
            <th scope="col" className="num">
              To fail<span className="visually-hidden"> (evidence of its boundary)</span>
            </th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {result.segments.map((s) => {
            const over = s.canary !== null && s.limit !== null && pastLimit(result.metric, s.canary, s.limit);
            return (
              <tr key={`${s.dimension}-${s.key}`} className={s.outcome === 'fail' ? 'segment-fail' : over ? 'segment-over' : undefined} data-testid={`evidence-segment-${s.dimension}-${s.key}`}>
                <th scope="row">
                  {only ? null : <span className="muted">{s.dimension} </span>}
                  {s.key}
                </th>
                <td className="num">{short(s.canary)}</td>
                <td className="num">{short(s.limit)}</td>
                <td className="num">{countText(s.canarySamples)}</td>
                <td className="num">{s.evidence ? failShort(s.evidence) : '—'}</td>
                <td>
                  {OUTCOME_WORD[s.outcome]}
                  {s.outcome !== 'fail' && over ? <span className="evidence-over"> · over the limit</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// Inconclusive is not "too few": a segment of 30,000 samples may still be short of evidence either way.
const OUTCOME_WORD = { pass: 'pass', fail: 'fail', inconclusive: 'not decided', no_data: 'no data' } as const;
