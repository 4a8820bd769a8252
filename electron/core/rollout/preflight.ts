// The pre-flight a start runs, gathered: the release's stages, what its gate metrics return now (the
// mapping's queries, run through the connection's client and policy), the readiness of its plan at
// the traffic seen, who watches, and the flags linked to it. The rules that decide are in
// shared/preflight; this file only collects what they decide on.
import {
  darkFlagsCheck,
  evidenceCheck,
  failureActionsCheck,
  gateMetricsOf,
  gatesCheck,
  metricsCheck,
  monitorCheck,
  plannedRolloutMs,
  preflightOf,
  type FlagExpiry,
  type MetricName,
  type MetricsFacts,
  type Preflight,
  type Release,
  type Stage,
} from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { observationsFor } from '../metrics/store.ts';
import { flagKeysOfRelease, getFlag } from '../repos/flags.ts';
import { getStages } from '../repos/releases.ts';
import { connectionHead } from '../connections/repo.ts';
import { mappingOf } from '../repos/sources.ts';
import { getTrain } from '../repos/trains.ts';
import type { RunCall } from '../sources/fetchMetric.ts';
import { previewMapping } from '../sources/preview.ts';
import { SourceError, type MetricSourceClient } from '../sources/types.ts';
import { planReadinessOf, TRAFFIC_WINDOW_MS } from './readiness.ts';

export interface PreflightDeps {
  db: Db;
  now: () => number;
  /** The clients of saved connections and the policy calls to them run under (the poller's own). */
  sources: { clientFor: (connectionId: string) => MetricSourceClient; run: RunCall };
  /** When a flag expires (a train-relative expiry needs its train). */
  flagExpiry: (expiry: FlagExpiry, createdAt: number) => number | null;
}

export interface PreflightOptions {
  /** Who the person starting names to watch the rollout. */
  monitor?: string | undefined;
}

async function metricsFacts(deps: PreflightDeps, release: Release, stages: readonly Stage[], now: number): Promise<MetricsFacts> {
  const gateMetrics = gateMetricsOf(stages);
  if (release.source === 'simulator') return { source: 'simulator', gateMetrics };
  if (release.source === 'push') {
    const seen: Partial<Record<MetricName, { canary: number; baseline: number }>> = {};
    for (const [metric, list] of observationsFor(deps.db, release.id, gateMetrics, now - TRAFFIC_WINDOW_MS, now)) {
      seen[metric] = { canary: list.filter((o) => o.cohort === 'canary').length, baseline: list.filter((o) => o.cohort === 'baseline').length };
    }
    return { source: 'push', gateMetrics, seen, windowMinutes: TRAFFIC_WINDOW_MS / 60_000 };
  }
  const mapping = mappingOf(deps.db, release.id);
  const base = { source: release.source, gateMetrics, connectionName: release.connectionId ? (connectionHead(deps.db, release.connectionId)?.name ?? null) : null };
  if (!mapping) return { ...base, mapped: [], preview: null, problem: 'the plan has no metric mapping' };
  const mapped = Object.keys(mapping.queries) as MetricName[];
  let client: MetricSourceClient;
  try {
    client = deps.sources.clientFor(mapping.connection);
  } catch (error) {
    if (error instanceof SourceError) return { ...base, mapped, preview: null, problem: error.message.replace(/\.$/, '') };
    throw error;
  }
  const ctx = { release: release.id, app: release.app, version: release.version, baselineVersion: release.baselineVersion ?? '' };
  return { ...base, mapped, preview: await previewMapping(client, deps.sources.run, mapping, ctx, now), problem: null };
}

/** Runs every check now. Reads only, and the one outside call is the mapping's queries. */
export async function runPreflight(deps: PreflightDeps, release: Release, options: PreflightOptions = {}): Promise<Preflight> {
  const { db } = deps;
  const now = deps.now();
  const stages = getStages(db, release.id);
  const metrics = await metricsFacts(deps, release, stages, now);
  // Read after the queries came back, so the checks describe one moment as nearly as they can.
  const at = deps.now();
  const train = release.trainId ? (getTrain(db, release.trainId)?.train ?? null) : null;
  const flags = flagKeysOfRelease(db, release.id).flatMap((key) => getFlag(db, key, deps.flagExpiry, at) ?? []);
  return preflightOf(release.id, at, [
    gatesCheck(stages),
    metricsCheck(metrics),
    evidenceCheck(planReadinessOf(db, release, at)),
    monitorCheck({ monitor: options.monitor ?? null, trainId: release.trainId, trainRun: release.trainRun, train, now: at, rolloutMs: plannedRolloutMs(stages) }),
    failureActionsCheck(release.target, stages),
    darkFlagsCheck(flags, release.id),
  ]);
}
