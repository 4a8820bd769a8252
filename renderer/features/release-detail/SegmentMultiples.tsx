import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { METRICS } from '../../../shared/domain/metrics.ts';
import type { Decision } from '../../../shared/domain/release.ts';
import type { Gate } from '../../../shared/gates/types.ts';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { drawnWithGaps } from './charts/drawn.ts';
import { chartLimits } from './charts/limits.ts';
import { breakingSegments, defaultSegmentChoice, type SegmentChoice } from './charts/multiples.ts';
import { SegmentChart, type SegmentView } from './charts/SegmentChart.tsx';
import { SegmentPicker } from './charts/SegmentPicker.tsx';
import { useChartFrame } from './charts/useChartFrame.ts';
import { bucketLabel, bucketWidth } from './charts/buckets.ts';
import { timeExtent } from './charts/timeAxis.ts';
import { choiceWithData, segmentsWithData } from './charts/multiples.ts';

const FALLBACK: SegmentChoice = { metric: 'p95_latency_ms', dimension: 'region' };
/** After the four metric charts' turns, so the multiples do not redraw in the same tasks. */
const FIRST_SLOT = 4;
const SMALL_Y_TICKS = 4;

/**
 * Small multiples: one chart per segment (each region, say) of the failing gate's metric — or the
 * first relative gate's — on one time range and one y-range so they compare, the breaking segment
 * outlined.
 */
export function SegmentMultiples({ releaseId, gates, decisions }: { releaseId: string; gates: readonly Gate[]; decisions: readonly Decision[] }) {
  const reads = useReads();
  const status = useQuery(reads.gates(releaseId)).data ?? null;
  const [picked, setPicked] = useState<SegmentChoice | null>(null);
  const recorded = useQuery({ ...reads.segmentKeys(releaseId), ...FRESH_ON_OPEN }).data?.recorded ?? null;
  const resolution = useStore((s) => s.chartResolution);

  const results = status?.results;
  const auto = useMemo(() => defaultSegmentChoice(results ?? [], gates) ?? FALLBACK, [results, gates]);
  // Only what has data is offered: a dimension no sample was recorded in would draw nothing.
  const available = useMemo(() => (recorded ? segmentsWithData(recorded) : null), [recorded]);
  const choice = available ? choiceWithData(picked ?? auto, available) : (picked ?? auto);
  const metric = choice?.metric ?? auto.metric;
  const dimension = choice?.dimension ?? auto.dimension;
  // Another metric or dimension is a query of its own: loaded whole, then from its last point on.
  const segments = useQuery({ ...reads.segments({ releaseId, metric, dimension }), ...FRESH_ON_OPEN, enabled: choice !== null });
  const error = appErrorOf(segments.error);

  const breaking = useMemo(() => breakingSegments(results ?? [], { metric, dimension }), [results, metric, dimension]);
  const limits = useMemo(() => chartLimits(gates, metric), [gates, metric]);
  const series = segments.data ?? null;
  const thresholds = useMemo(() => limits.thresholds.map((t) => t.value), [limits]);
  const extent = series ? timeExtent(series) : null;
  const bucket = resolution === 'buckets' && extent ? bucketWidth(extent[1] - extent[0]) : null;
  const drawn = useMemo(
    () =>
      series?.map((s) => ({ key: s.key, ...drawnWithGaps(s, limits.baseline, bucket, METRICS[metric].unit) })) ?? null,
    [series, limits, bucket, metric],
  );
  // One frame for all: the same time span and y-range, so the segments compare at a glance.
  const frame = useChartFrame(drawn, decisions, thresholds, SMALL_Y_TICKS, METRICS[metric].unit);
  const views = useMemo((): { key: string; view: SegmentView }[] | null => {
    // No dimension has data: the panel says so once, not again for the metric's fallback dimension.
    if (!drawn || choice === null) return null;
    return frame ? drawn.map((s) => ({ key: s.key, view: { points: s.points, gaps: s.gaps, frame } })) : [];
  }, [drawn, frame, choice]);

  const unit = METRICS[metric].unit;
  return (
    <section className="panel segment-multiples" aria-labelledby="segments-title" data-testid="segment-multiples">
      <div className="panel-head">
        <h2 id="segments-title">
          {METRICS[metric].label} by {dimension}
        </h2>
        {choice ? <SegmentPicker choice={choice} available={available} following={picked === null} onChoose={setPicked} /> : null}
      </div>
      <p className="segment-note muted">
        <span className="swatch swatch-canary" aria-hidden="true" /> canary <span className="swatch swatch-baseline" aria-hidden="true" /> baseline
        {bucket !== null ? (
          <>
            {' '}
            <span className="swatch swatch-band" aria-hidden="true" /> 95 % band, {bucketLabel(bucket)} buckets
          </>
        ) : null}
        {limits.baseline ? (
          <>
            {' '}
            <span className="swatch swatch-limit" aria-hidden="true" /> {limits.baseline.label.toLowerCase()}
          </>
        ) : null}
        {drawn?.some((s) => s.gaps.length > 0) ? (
          <>
            {' '}
            <span data-testid="segment-gap-legend">
              <span className="swatch swatch-gap" aria-hidden="true" /> no data
            </span>
          </>
        ) : null}{' '}
        — one scale for all {dimension}s; outlined in red where a gate fails.
      </p>
      {error ? <ErrorBanner error={error} context="Could not load the segments" /> : null}
      {available && !choice ? (
        <p className="empty" data-testid="no-segment-data">
          No samples per region, device or tenant for this release yet.
        </p>
      ) : null}
      {choice && !views && !error ? <Loading what="segments" /> : null}
      {views && views.length === 0 ? <p className="empty">No samples per {dimension} for this metric.</p> : null}
      {views && views.length > 0 ? (
        <div className="segment-grid">
          {views.map(({ key: segment, view }, i) => (
            <SegmentChart key={segment} segment={segment} view={view} breaking={breaking.has(segment)} unit={unit} limits={limits} slot={FIRST_SLOT + i} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
