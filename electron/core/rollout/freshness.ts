import {
  durationSeconds,
  isConnectionSource,
  METRICS,
  freshnessOf,
  type GateResult,
  type MetricFreshness,
  type MetricName,
  type Release,
  type SourceStatus,
} from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { lastSampleAt } from '../metrics/store.ts';
import { connectionHead } from '../connections/repo.ts';
import { fetchesOf, mappingOf } from '../repos/sources.ts';

export interface SourceFeed {
  /** The guard folds nothing past this: the end of the range every metric has been fetched over. */
  until: number;
  freshness: Map<MetricName, MetricFreshness>;
  staleAfterMs: number;
}

/** For a release read through a connection: how far its metrics are fetched, and how fresh each is. */
export function fedBySource(db: Db, release: Release, metrics: readonly MetricName[], since: number, now: number): SourceFeed | null {
  if (!isConnectionSource(release.source)) return null;
  const mapping = mappingOf(db, release.id);
  const fetches = fetchesOf(db, release.id);
  const staleAfterMs = durationSeconds(mapping?.staleAfter ?? '5m') * 1000;
  let until = now;
  const freshness = new Map<MetricName, MetricFreshness>();
  for (const metric of metrics) {
    const f = fetches.get(metric);
    until = Math.min(until, f?.fetchedUntil ?? since);
    if (!mapping?.queries[metric]) {
      freshness.set(metric, {
        metric,
        fetchedUntil: null,
        lastSampleAt: null,
        failingSince: null,
        problem: null,
        error: null,
        stale: true,
        why: `${METRICS[metric].label} has no query in the plan's metric mapping`,
      });
      continue;
    }
    const facts = { fetchedUntil: f?.fetchedUntil ?? null, lastSampleAt: f?.lastSampleAt ?? null, failingSince: f?.failingSince ?? null, problem: f?.lastProblem ?? null, error: f?.lastError ?? null };
    freshness.set(metric, freshnessOf(release.source, metric, facts, staleAfterMs, since, now));
  }
  return { until, freshness, staleAfterMs };
}

/**
 * Stale data counts as no data: a gate that would pass or stay inconclusive on it says no data and
 * why. A failure stands — its evidence was fresh when it crossed, and the failure side is valid at
 * any time — so an outage can delay a promotion but never hide a regression already seen.
 */
export function markStale(result: GateResult, freshness: MetricFreshness | undefined): GateResult {
  if (!freshness?.stale || result.outcome === 'fail') return result;
  const why = freshness.why ?? 'the data is stale';
  return { ...result, outcome: 'no_data', summary: `${METRICS[result.metric].label}: no usable data — ${why}`, stale: { why, lastSampleAt: freshness.lastSampleAt } };
}

/** A release's source and freshness, for the screens and a decision's evidence: every mapped metric of a connection, or the newest sample of the others. */
export function releaseSourceStatus(db: Db, release: Release, now: number): SourceStatus {
  const mapping = mappingOf(db, release.id);
  if (!isConnectionSource(release.source) || !mapping) {
    return { kind: release.source, connectionId: null, connectionName: null, staleAfterMs: null, metrics: [], stale: false, lastSampleAt: lastSampleAt(db, release.id) };
  }
  const metrics = Object.keys(mapping.queries) as MetricName[];
  const feed = fedBySource(db, release, metrics, release.createdAt, now)!;
  const fresh = [...feed.freshness.values()];
  const newest = fresh.reduce<number | null>((m, f) => (f.lastSampleAt !== null && (m === null || f.lastSampleAt > m) ? f.lastSampleAt : m), null);
  const live = release.status === 'rolling' || release.status === 'paused' || release.status === 'halted';
  return {
    kind: release.source,
    connectionId: mapping.connection,
    connectionName: connectionHead(db, mapping.connection)?.name ?? null,
    staleAfterMs: feed.staleAfterMs,
    metrics: fresh,
    stale: live && fresh.some((f) => f.stale),
    lastSampleAt: newest,
  };
}
