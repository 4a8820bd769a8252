import type { MetricName } from '../../../shared/domain/metrics.ts';
import type { Check, UnitEvidence } from '../../../shared/gates/types.ts';
import { formatClock } from '../../lib/format.ts';
import { amountText, dispersionText, estimateShort, estimateText, failShort, failValue, heldText, needsText, passShort, passValue } from './evidenceText.ts';

/** A bar of how far the evidence has come towards a boundary; decoration only, the text beside it says the same. */
function Meter({ value, of, side }: { value: number; of: number; side: 'fail' | 'pass' }) {
  const pct = of > 0 ? Math.min(100, (100 * value) / of) : 0;
  return (
    <span className={`ev-meter ev-meter-${side}${pct >= 100 ? ' ev-meter-full' : ''}`} aria-hidden="true">
      <span className="ev-meter-fill" style={{ width: `${pct}%` }} />
    </span>
  );
}

/** The total's sequential test beside a gate: evidence against both boundaries, the estimate, and how long it still needs. */
export function GateEvidence({ gateId, check, metric, exposurePct, decided = false }: { gateId: string; check: Check; metric: MetricName; exposurePct: number | undefined; decided?: boolean }) {
  const e = check.evidence;
  // With no data there is nothing to weigh yet: the outcome badge says so.
  if (!e || check.outcome === 'no_data') return null;
  const noise = dispersionText(e);
  const held = heldText(e);
  return (
    <div className="gate-evidence" data-testid={`gate-evidence-${gateId}`}>
      <p className="ev-line">
        <Meter value={failValue(e)} of={e.boundary} side="fail" />
        <span>
          evidence <strong>{failShort(e)}</strong> to fail
        </span>
        <Meter value={passValue(e)} of={e.passBoundary} side="pass" />
        <span>
          <strong>{passShort(e)}</strong> to pass
        </span>
      </p>
      <p className="ev-line muted">
        {[estimateText(e, metric), amountText(e), ...(noise ? [noise] : []), ...(e.crossedAt !== null ? [`crossed at ${formatClock(e.crossedAt)}`] : [])].join(' · ')}
      </p>
      {held ? (
        <p className="ev-line" data-testid={`gate-held-${gateId}`}>
          {held}
        </p>
      ) : null}
      {/* A gate a segment failed has decided: how long its total needs to decide is beside the point. */}
      {check.outcome === 'inconclusive' && !decided ? (
        <p className="ev-needs" data-testid={`gate-needs-${gateId}`}>
          {needsText(e.needs, exposurePct)}
        </p>
      ) : null}
    </div>
  );
}

/** A segment's evidence for its table row: the estimate, and "3.2 / 8.8" to fail and to pass. */
export function SegmentEvidenceCells({ e }: { e: UnitEvidence | null | undefined }) {
  if (!e) {
    return (
      <>
        <td className="num muted">—</td>
        <td className="num muted">—</td>
        <td className="num muted">—</td>
      </>
    );
  }
  return (
    <>
      <td className="num">{estimateShort(e)}</td>
      <td className="num">{failShort(e)}</td>
      <td className="num">{passShort(e)}</td>
    </>
  );
}
