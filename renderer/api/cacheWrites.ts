import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ConnectionView } from '../../shared/domain/connections.ts';
import type { Fault } from '../../shared/domain/faults.ts';
import type { Flag } from '../../shared/domain/flags.ts';
import type { Decision, ReleaseDetail } from '../../shared/domain/release.ts';
import type { PlanView, TrainView } from '../../shared/domain/views.ts';
import { DECISION_LOG_LIMIT } from './queries.ts';
import { queryKeys, type DecisionFilter } from './queryKeys.ts';

/**
 * An answer put in the cache in place of what a fetch under way would bring: that fetch started
 * before the write was answered, so its older answer must not land on top.
 */
async function put(queryClient: QueryClient, queryKey: QueryKey, update: () => void): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  update();
}

/** Replaces the item with the same identity in a cached list, or adds it; a list not cached stays so. */
function upsert<T>(list: T[] | undefined, item: T, same: (a: T, b: T) => boolean): T[] | undefined {
  if (!list) return list;
  return list.some((x) => same(x, item)) ? list.map((x) => (same(x, item) ? item : x)) : [...list, item];
}

/** A release as a write answered it: its detail, and its row of the list (the list itself is not refetched for it). */
export function putDetail(queryClient: QueryClient, detail: ReleaseDetail): Promise<void> {
  return put(queryClient, queryKeys.release(detail.release.id), () => {
    queryClient.setQueryData(queryKeys.release(detail.release.id), detail);
    queryClient.setQueryData(queryKeys.releases(), (list) => list?.map((r) => (r.id === detail.release.id ? { ...detail.release, sourceStatus: detail.source } : r)));
  });
}

export function putPlan(queryClient: QueryClient, plan: PlanView): Promise<void> {
  return put(queryClient, queryKeys.plan(plan.releaseId), () => queryClient.setQueryData(queryKeys.plan(plan.releaseId), plan));
}

const matches = (filter: DecisionFilter, d: Decision): boolean =>
  (filter.releaseId === undefined || filter.releaseId === d.releaseId) &&
  (filter.actor === undefined || filter.actor === d.actor) &&
  (filter.action === undefined || filter.action === d.action) &&
  (filter.verdict === undefined || filter.verdict === d.verdict);

const newestFirst = (decisions: Decision[]) => decisions.sort((a, b) => b.createdAt - a.createdAt);

/**
 * A recorded decision goes on top of its release's detail and of every cached log whose filter it
 * matches (the host's filter is plain equality), once: nothing is fetched for it. Returns whether
 * the detail held it already, i.e. the detail was read after the decision.
 */
export function putDecision(queryClient: QueryClient, decision: Decision): boolean {
  const detail = queryClient.getQueryData(queryKeys.release(decision.releaseId));
  const known = detail?.decisions.some((d) => d.id === decision.id) ?? false;
  if (detail && !known) queryClient.setQueryData(queryKeys.release(decision.releaseId), { ...detail, decisions: newestFirst([decision, ...detail.decisions]) });
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.decisionLogs() })) {
    const [, filter] = query.queryKey;
    const log = query.state.data;
    if (!isFilter(filter) || !isDecisionList(log) || log.some((d) => d.id === decision.id) || !matches(filter, decision)) continue;
    queryClient.setQueryData(queryKeys.decisionLog(filter), newestFirst([decision, ...log]).slice(0, DECISION_LOG_LIMIT));
  }
  return known;
}

// The cache holds a decision log's filter and list as unknown; these narrow them back.
const isFilter = (value: unknown): value is DecisionFilter => typeof value === 'object' && value !== null;
const isDecisionList = (value: unknown): value is Decision[] => Array.isArray(value);

export function putTrain(queryClient: QueryClient, view: TrainView): Promise<void> {
  return put(queryClient, queryKeys.trains(), () => queryClient.setQueryData(queryKeys.trains(), (list) => upsert(list, view, (a, b) => a.train.id === b.train.id)));
}

export function putFlag(queryClient: QueryClient, flag: Flag): Promise<void> {
  return put(queryClient, queryKeys.flags(), () => queryClient.setQueryData(queryKeys.flags(), (list) => upsert(list, flag, (a, b) => a.key === b.key)));
}

/** The host lists connections by name, whatever the case; a saved one keeps that order. */
export function putConnection(queryClient: QueryClient, view: ConnectionView): Promise<void> {
  const byName = (a: ConnectionView, b: ConnectionView) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
  return put(queryClient, queryKeys.connections(), () => queryClient.setQueryData(queryKeys.connections(), (list) => upsert(list, view, (a, b) => a.id === b.id)?.sort(byName)));
}

export function dropConnection(queryClient: QueryClient, id: string): Promise<void> {
  return put(queryClient, queryKeys.connections(), () => queryClient.setQueryData(queryKeys.connections(), (list) => list?.filter((c) => c.id !== id)));
}

/** A fault as injected, in the host's order (by start). */
export function putFault(queryClient: QueryClient, fault: Fault): Promise<void> {
  return put(queryClient, queryKeys.faults(fault.releaseId), () => {
    queryClient.setQueryData(queryKeys.faults(fault.releaseId), (list) => upsert(list, fault, (a, b) => a.id === b.id)?.sort((a, b) => a.startsAt - b.startsAt));
  });
}
