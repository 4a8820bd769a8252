import { METRICS } from '../../../shared/domain/metrics.ts';
import type { GateResult } from '../../../shared/gates/types.ts';
import { OutcomeBadge } from '../../ui/OutcomeBadge.tsx';
import { estimateHeader } from './evidenceText.ts';
import { SegmentEvidenceCells } from './GateEvidence.tsx';
import { segmentTestId } from './gateText.ts';

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** Four significant digits: enough to compare canary with limit, short enough for a table cell. */
const short = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : String(Number(v.toPrecision(4))));

/** A gate's segments, each with its values, its test's evidence and outcome: one broken segment cannot hide in the total. */
export function GateSegments({ result }: { result: GateResult }) {
  const unit = METRICS[result.metric].unit;
  const unitNote = unit ? ` (${unit})` : '';
  // Every segment of one dimension ("region"): the header says it once and the rows need not.
  const dimensions = [...new Set(result.segments.map((s) => s.dimension))];
  const oneDimension = dimensions.length === 1;
  const header = oneDimension ? dimensions[0]!.charAt(0).toUpperCase() + dimensions[0]!.slice(1) : 'Segment';
  return (
    <div className="segment-scroll">
      <table className="small-table segment-table">
        <caption className="visually-hidden">Segments of gate {result.gateId}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            <th scope="col" className="num">Canary{unitNote}</th>
            <th scope="col" className="num">Limit{unitNote}</th>
            <th scope="col" className="num">Baseline{unitNote}</th>
            <th scope="col" className="num">Samples</th>
            <th scope="col" className="num">
              {estimateHeader(result)}
            </th>
            <th scope="col" className="num">
              To fail<span className="visually-hidden"> (evidence of its boundary)</span>
            </th>
            <th scope="col" className="num">
              To pass<span className="visually-hidden"> (evidence of its boundary)</span>
            </th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {result.segments.map((s) => (
            <tr key={`${s.dimension}-${s.key}`} className={s.outcome === 'fail' ? 'segment-fail' : undefined} data-testid={segmentTestId(s)}>
              <th scope="row">
                {oneDimension ? null : <span className="muted">{s.dimension} </span>}
                {s.key}
              </th>
              <td className="num">{short(s.canary)}</td>
              <td className="num">{short(s.limit)}</td>
              <td className="num">{short(s.baseline)}</td>
              <td className="num">{count.format(s.canarySamples)}</td>
              <SegmentEvidenceCells e={s.evidence} />
              <td className="seg-outcome">
                <OutcomeBadge outcome={s.outcome} />
                {/* A segment never has to pass (only the total does); it can only fail, so a time to pass would contradict a passing gate. */}
                {s.outcome === 'inconclusive' && s.evidence ? <span className="seg-needs">watching for a failure</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
