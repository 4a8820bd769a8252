import type { MetricName } from '../../../../shared/domain/metrics.ts';
import { useStore } from '../../../store/context.tsx';
import { OutcomeBadge } from '../../../ui/OutcomeBadge.tsx';
import { judgeText, metricVerdict } from './verdict.ts';

/**
 * The gates' verdict on one metric, and the judge's classification with its p where it ran; the
 * judge's reason on hover. Its own component: gate status changes every second, the chart need not.
 */
export function MetricVerdict({ releaseId, metric }: { releaseId: string; metric: MetricName }) {
  const status = useStore((s) => (s.gates?.releaseId === releaseId ? s.gates.status : null));
  const verdict = status ? metricVerdict(status.results, metric) : null;
  if (!verdict) return null;
  const gates = `Gate${verdict.gateIds.length > 1 ? 's' : ''} ${verdict.gateIds.join(', ')}`;
  const judge = verdict.judge;
  const title = judge?.reason ? `${gates} · judge${judge.where ? ` (${judge.where})` : ''}: ${judge.reason}` : gates;
  return (
    <span className="chart-verdict" title={title} data-testid={`chart-verdict-${metric}`}>
      <OutcomeBadge outcome={verdict.outcome} testId={`chart-verdict-badge-${metric}`} />
      {verdict.judge ? (
        <span className={`chart-judge judge-${verdict.judge.classification.toLowerCase()}`} data-testid={`chart-judge-${metric}`}>
          {judgeText(verdict.judge)}
        </span>
      ) : null}
    </span>
  );
}
