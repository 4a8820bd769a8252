import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { StagegateClient } from '../../shared/contract.ts';
import { unwrap } from './hostError.ts';
import { queryKeys, type DecisionFilter, type SegmentQuery, type TimelineSubject } from './queryKeys.ts';
import { metricsQuery, segmentsQuery } from './series/seriesQueries.ts';

export const TIMELINE_LIMIT = 500;
export const DECISION_LOG_LIMIT = 200;
export const EVENT_PAGE = 50;
/** The first page of the event log: no sequence number to read back from. */
const NEWEST: number | null = null;

/**
 * Every contract read as a query: its key from queryKeys and a function that asks the client and
 * unwraps the answer (a host error fails the query, carrying the AppError). Screens use these with
 * useQuery; tests observe the same options.
 */
export function createReads(client: StagegateClient) {
  return {
    info: () => queryOptions({ queryKey: queryKeys.info(), queryFn: () => unwrap(client.getInfo({})) }),
    releases: () => queryOptions({ queryKey: queryKeys.releases(), queryFn: () => unwrap(client.listReleases({})) }),
    release: (releaseId: string) => queryOptions({ queryKey: queryKeys.release(releaseId), queryFn: () => unwrap(client.getRelease({ releaseId })) }),
    gates: (releaseId: string) => queryOptions({ queryKey: queryKeys.gates(releaseId), queryFn: () => unwrap(client.getGateStatus({ releaseId })) }),
    plan: (releaseId: string) => queryOptions({ queryKey: queryKeys.plan(releaseId), queryFn: () => unwrap(client.getPlan({ releaseId })) }),
    readiness: (releaseId: string) => queryOptions({ queryKey: queryKeys.readiness(releaseId), queryFn: () => unwrap(client.getPlanReadiness({ releaseId })) }),
    faults: (releaseId: string) => queryOptions({ queryKey: queryKeys.faults(releaseId), queryFn: () => unwrap(client.listFaults({ releaseId })) }),
    segmentKeys: (releaseId: string) => queryOptions({ queryKey: queryKeys.segmentKeys(releaseId), queryFn: () => unwrap(client.getSegmentKeys({ releaseId })) }),
    timeline: (subject: TimelineSubject) => queryOptions({ queryKey: queryKeys.timeline(subject), queryFn: () => unwrap(client.getTimeline({ ...subject, limit: TIMELINE_LIMIT })) }),
    trains: () => queryOptions({ queryKey: queryKeys.trains(), queryFn: () => unwrap(client.listTrains({})) }),
    flags: () => queryOptions({ queryKey: queryKeys.flags(), queryFn: () => unwrap(client.listFlags({})) }),
    connections: () => queryOptions({ queryKey: queryKeys.connections(), queryFn: () => unwrap(client.listConnections({})) }),
    /** A new filter keeps the last list on screen until its own answer arrives. */
    decisionLog: (filter: DecisionFilter) =>
      queryOptions({ queryKey: queryKeys.decisionLog(filter), queryFn: () => unwrap(client.listDecisions({ ...filter, limit: DECISION_LOG_LIMIT })), placeholderData: keepPreviousData }),
    /** Newest first, a page at a time back from the oldest shown; a new search keeps the last results on screen until it is answered. */
    events: (query: string) =>
      infiniteQueryOptions({
        queryKey: queryKeys.events(query),
        queryFn: ({ pageParam }) => {
          const q = query.trim();
          return unwrap(client.listEvents({ limit: EVENT_PAGE, ...(pageParam === null ? {} : { beforeSeq: pageParam }), ...(q ? { query: q } : {}) }));
        },
        initialPageParam: NEWEST,
        // A full page may have older events behind it.
        getNextPageParam: (last) => (last.length === EVENT_PAGE ? (last.at(-1)?.seq ?? null) : null),
        placeholderData: keepPreviousData,
      }),
    metrics: (releaseId: string) => metricsQuery(client, releaseId),
    segments: (query: SegmentQuery) => segmentsQuery(client, query),
  };
}

export type Reads = ReturnType<typeof createReads>;

/**
 * For the component that owns a read on its page: opening the page asks the host afresh, as the
 * screens did before the cache, so what no push keeps current (flags or trains edited elsewhere,
 * how fresh a release's data is) is current on arrival. Other readers on the page take it cached.
 */
export const FRESH_ON_OPEN = { refetchOnMount: 'always' } as const;
