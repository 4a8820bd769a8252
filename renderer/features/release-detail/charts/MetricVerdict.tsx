import { useQuery } from '@tanstack/react-query';
import type { MetricName } from '../../../../shared/domain/metrics.ts';
import { useReads } from '../../../api/ApiProvider.tsx';
import { OutcomeBadge } from '../../../ui/OutcomeBadge.tsx';
import { metricVerdict } from './verdict.ts';

/**
 * The gates' verdict on one metric and, beside it, what decided it (the failing segment and its
 * evidence, or how long the test still needs); the gate's summary on hover. Its own component:
 * gate status changes every second, the chart need not.
 */
export function MetricVerdict({ releaseId, metric }: { releaseId: string; metric: MetricName }) {
  const status = useQuery(useReads().gates(releaseId)).data ?? null;
  const verdict = status ? metricVerdict(status.results, metric) : null;
  if (!verdict) return null;
  const gates = `Gate${verdict.gateIds.length > 1 ? 's' : ''} ${verdict.gateIds.join(', ')}`;
  return (
    <span className="chart-verdict" title={verdict.summary ? `${gates}: ${verdict.summary}` : gates} data-testid={`chart-verdict-${metric}`}>
      <OutcomeBadge outcome={verdict.outcome} testId={`chart-verdict-badge-${metric}`} />
      {verdict.reason ? (
        <span className={`chart-judge judge-${verdict.outcome}`} data-testid={`chart-judge-${metric}`}>
          {verdict.reason}
        </span>
      ) : null}
    </span>
  );
}
