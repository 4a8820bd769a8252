import type { DataTag, InfiniteData, QueryKey } from '@tanstack/react-query';
import type { Input, Output } from '../../shared/contract.ts';
import type { Dimension } from '../../shared/gates/types.ts';
import type { MetricName } from '../../shared/domain/metrics.ts';

/** Whose timeline: a release's or a train's. */
export type TimelineSubject = { releaseId: string } | { trainId: string };

/** The decision log's filter: what the page asks for, the limit aside. */
export type DecisionFilter = Omit<Input<'listDecisions'>, 'limit'>;

/** One metric of a release, per segment of one dimension: what the small multiples show. */
export interface SegmentQuery {
  releaseId: string;
  metric: MetricName;
  dimension: Dimension;
}

/** The event log's pages: each one before the oldest event of the page above it (null: the newest). */
export type EventPages = InfiniteData<Output<'listEvents'>, number | null>;

/** A key that carries the type of what is cached under it, so every getQueryData and setQueryData on it is typed. */
const holding =
  <T>() =>
  <const K extends QueryKey>(key: K) =>
    key as DataTag<K, T, Error>;

/**
 * Every cached read's key, in one place. Each starts with its own name, so invalidating one never
 * matches another by prefix; keys that share a prefix on purpose (all of a release's segment
 * queries, every train's timeline) say so below.
 */
export const queryKeys = {
  info: () => holding<Output<'getInfo'>>()(['info']),
  releases: () => holding<Output<'listReleases'>>()(['releases']),
  release: (releaseId: string) => holding<Output<'getRelease'>>()(['release', releaseId]),
  gates: (releaseId: string) => holding<Output<'getGateStatus'>>()(['gates', releaseId]),
  plan: (releaseId: string) => holding<Output<'getPlan'>>()(['plan', releaseId]),
  readiness: (releaseId: string) => holding<Output<'getPlanReadiness'>>()(['readiness', releaseId]),
  faults: (releaseId: string) => holding<Output<'listFaults'>>()(['faults', releaseId]),
  segmentKeys: (releaseId: string) => holding<Output<'getSegmentKeys'>>()(['segmentKeys', releaseId]),
  metrics: (releaseId: string) => holding<Output<'getMetricSeries'>>()(['metrics', releaseId]),
  segments: (q: SegmentQuery) => holding<Output<'getSegmentSeries'>>()(['segments', q.releaseId, q.metric, q.dimension]),
  /** Every segment query of one release (a prefix). */
  releaseSegments: (releaseId: string) => ['segments', releaseId] as const,
  timeline: (subject: TimelineSubject) =>
    holding<Output<'getTimeline'>>()('releaseId' in subject ? ['timeline', 'release', subject.releaseId] : ['timeline', 'train', subject.trainId]),
  /** Every train's timeline (a prefix): a train's lists all its releases. */
  trainTimelines: () => ['timeline', 'train'] as const,
  trains: () => holding<Output<'listTrains'>>()(['trains']),
  flags: () => holding<Output<'listFlags'>>()(['flags']),
  connections: () => holding<Output<'listConnections'>>()(['connections']),
  decisionLog: (filter: DecisionFilter) => holding<Output<'listDecisions'>>()(['decisions', filter]),
  /** Every decision log, whatever its filter (a prefix). */
  decisionLogs: () => ['decisions'] as const,
  events: (query: string) => holding<EventPages>()(['events', query]),
};

/** Writes whose answer brings back what they changed of a release (see pushInvalidation.ts). */
export type ReleaseWrite = 'decide' | 'updatePlan' | 'injectFault';

export const mutationKeys = {
  releaseWrite: (kind: ReleaseWrite, releaseId: string) => ['releaseWrite', kind, releaseId] as const,
  /** Any other write, by its method's name. */
  write: (method: string) => ['write', method] as const,
};
