import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Gate } from '../../../shared/gates/types.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useRole } from '../../api/useInfo.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Timeline } from '../timeline/Timeline.tsx';
import { ActionBar } from './ActionBar.tsx';
import { ApprovalBanner } from './ApprovalBanner.tsx';
import { DecisionList } from './DecisionList.tsx';
import { GatePanel } from './GatePanel.tsx';
import { MetricCharts } from './MetricCharts.tsx';
import { PlanPanel } from './PlanPanel.tsx';
import { ReadinessBanner } from './ReadinessBanner.tsx';
import { ReleaseHeader } from './ReleaseHeader.tsx';
import { SegmentMultiples } from './SegmentMultiples.tsx';
import { SimulatorPanel } from './SimulatorPanel.tsx';
import { StagePipeline } from './StagePipeline.tsx';
import './release-detail.css';
import './charts/charts.css';

const NO_GATES: readonly Gate[] = [];

export function ReleaseDetailPage() {
  const { id = '' } = useParams();
  const reads = useReads();
  // Each release is cached under its own id: the previous one never shows under the new address.
  const detail = useQuery({ ...reads.release(id), ...FRESH_ON_OPEN });
  const shown = detail.data ?? null;
  const error = appErrorOf(detail.error);
  const role = useRole();
  // The header's banner and the plan panel both read how long each stage needs to decide.
  useQuery({ ...reads.readiness(id), ...FRESH_ON_OPEN });
  usePageTitle(shown?.release.name ?? 'Release');

  if (!shown) {
    return (
      <section className="page">
        <p className="crumbs">
          <Link to="/releases">← Releases</Link>
        </p>
        {error ? (
          <>
            <h1>Release {id}</h1>
            <ErrorBanner error={error} context="Could not load this release" onRetry={() => void detail.refetch()} />
          </>
        ) : (
          <>
            <h1 className="visually-hidden">Release {id}</h1>
            <Loading what="the release" />
          </>
        )}
      </section>
    );
  }

  // The current stage's gates: their limits are drawn on the charts.
  const gates = shown.stages[shown.release.stageIndex]?.gates ?? NO_GATES;
  return (
    <section className="page detail-page">
      <p className="crumbs">
        <Link to="/releases">← Releases</Link>
      </p>
      <ReleaseHeader release={shown.release} source={shown.source} />
      {error ? <ErrorBanner error={error} context="Could not refresh this release" onRetry={() => void detail.refetch()} /> : null}
      <ReadinessBanner release={shown.release} />
      <ApprovalBanner release={shown.release} />
      <ActionBar detail={shown} />
      <StagePipeline release={shown.release} stages={shown.stages} />
      <div className="detail-grid">
        <div className="detail-main">
          <GatePanel release={shown.release} stages={shown.stages} />
          <MetricCharts releaseId={shown.release.id} gates={gates} decisions={shown.decisions} />
        </div>
        <DecisionList decisions={shown.decisions} />
      </div>
      {/* The full width: one segment per column, large enough to read at 1440 px. */}
      <SegmentMultiples key={shown.release.id} releaseId={shown.release.id} gates={gates} decisions={shown.decisions} />
      <PlanPanel release={shown.release} />
      <div className="detail-grid detail-grid-even">
        <Timeline subject={{ releaseId: shown.release.id }} />
        {role === 'operator' && shown.release.source === 'simulator' ? <SimulatorPanel releaseId={shown.release.id} /> : null}
      </div>
    </section>
  );
}
