import {
  estimateTraffic,
  gateMetricsOf,
  METRICS,
  overlappingMetrics,
  planDecideTimes,
  planOfStages,
  readingOf,
  sampleBlocksOf,
  type MetricName,
  type ObservationAt,
  type Plan,
  type PlanReadiness,
  type Release,
  type SampleBlocks,
  type SampleOverlap,
  type TrafficSource,
} from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';
import { lastSampleAt, observationsFor } from '../metrics/store.ts';
import { judgeOptionsOf } from '../repos/guardState.ts';
import { getRelease, getStages } from '../repos/releases.ts';

/** Long enough to smooth a minute's burst, short enough to follow the day's traffic. */
export const TRAFFIC_WINDOW_MS = 60 * 60 * 1000;

/**
 * How far back pushed samples are read for windows that overlap: six hours of minute rows give about
 * 330 pairs of changes, enough for each quarter's correlation to stand apart (an hour gives too few).
 */
export const OVERLAP_WINDOW_MS = 6 * 60 * 60 * 1000;

/**
 * How often a release's overlap is read again: six hours of 2 s pushes in seven series are ≈ 300,000
 * rows (≈ 150 ms), and a reading of hundreds of intervals moves little in ten minutes, while the Release
 * detail asks for readiness twice a minute.
 */
const OVERLAP_REREAD_MS = 10 * 60 * 1000;
const overlapReads = new WeakMap<Db, Map<string, { slot: number; overlaps: SampleOverlap[] }>>();

function pushedOverlaps(db: Db, releaseId: string, metrics: readonly MetricName[], blocks: SampleBlocks, until: number): SampleOverlap[] {
  let byRelease = overlapReads.get(db);
  if (!byRelease) overlapReads.set(db, (byRelease = new Map()));
  const slot = Math.floor(until / OVERLAP_REREAD_MS);
  const kept = byRelease.get(releaseId);
  if (kept?.slot === slot) return kept.overlaps;
  // Only rate rows are read: the other kinds' rows would be fetched for nothing.
  const rates = metrics.filter((m) => METRICS[m].model.kind === 'rate');
  const overlaps = overlappingMetrics(observationsFor(db, releaseId, rates, until - OVERLAP_WINDOW_MS, until), blocks);
  byRelease.set(releaseId, { slot, overlaps });
  return overlaps;
}

/**
 * Whether a plan's stages can decide within their soak at the traffic these samples show, pooled as
 * the guard pools them (`source` and `startedAt` give its sample blocks). `names` say, for a person,
 * whose samples they are and what it means when there are none.
 */
export function readinessOfObservations(
  plan: Plan,
  observations: ReadonlyMap<MetricName, readonly ObservationAt[]>,
  blocks: { source: Release['source']; startedAt: number | null },
  names: { observed: (minutes: number, agoMinutes: number) => string; none: string },
  until: number,
): Omit<PlanReadiness, 'releaseId' | 'overlaps'> {
  const traffic = estimateTraffic(observations, sampleBlocksOf(blocks.source, blocks.startedAt));
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const list of observations.values()) {
    for (const o of list) {
      first = Math.min(first, o.t);
      last = Math.max(last, o.t);
    }
  }
  const source: TrafficSource = traffic
    ? { kind: 'observed', text: names.observed(Math.max(1, Math.round((last - first) / 60_000)), Math.round((until - last) / 60_000)), since: first, until: last }
    : { kind: 'unknown', text: names.none, since: until - TRAFFIC_WINDOW_MS, until };
  const reading = readingOf(blocks.source);
  return { traffic, source, reading, stages: planDecideTimes(plan, traffic, reading) };
}

/** A silence since the last sample is named: "the last 6 min" of samples that stopped an hour ago reads as the last six minutes of the clock. */
const RELEASE_NAMES = {
  observed: (minutes: number, agoMinutes: number) =>
    agoMinutes <= 2 ? `this release’s samples over the last ${minutes} min` : `this release’s samples over ${minutes} min, the last of them ${agoMinutes} min ago`,
  none: 'no samples of this release in the last hour',
};

/** How many of the app's other releases, newest first, are looked through for one with samples. */
const EARLIER_RELEASES = 20;

/**
 * The app's newest other release with samples, and when its last came: before its first sample, a
 * release's traffic is best estimated from the same app's last one (both cohorts' trials together,
 * which do not depend on the split).
 */
function earlierWithSamples(db: Db, release: Pick<Release, 'id' | 'app'>): { release: Release; last: number } | null {
  const ids = statement(db, 'SELECT id FROM releases WHERE app = ? AND id <> ? ORDER BY created_at DESC, id LIMIT ?').all(release.app, release.id, EARLIER_RELEASES) as { id: string }[];
  for (const { id } of ids) {
    const last = lastSampleAt(db, id);
    const other = last === null ? null : getRelease(db, id);
    if (other && last !== null) return { release: other, last };
  }
  return null;
}

/**
 * Whether the plan's stages can decide within their soak, at the traffic of the release's own last
 * hour, or before it has any, of the app's last release with samples: the Release detail's readiness
 * and the pre-flight's evidence check.
 */
export function planReadinessOf(db: Db, release: Pick<Release, 'id' | 'app' | 'planName' | 'target' | 'source'>, until: number): PlanReadiness {
  const stages = getStages(db, release.id);
  const plan = planOfStages(release.planName || 'Plan', release.target, stages, judgeOptionsOf(db, release.id));
  const metrics = gateMetricsOf(plan.stages);
  const blocks = { source: release.source, startedAt: stages[0]?.startedAt ?? null };
  // Only pushed rows can carry a window of their own: a connection's queries are checked before they are sent, the simulator draws each tick afresh.
  const overlaps = release.source === 'push' ? pushedOverlaps(db, release.id, metrics, sampleBlocksOf(blocks.source, blocks.startedAt), until) : [];
  const own = readinessOfObservations(plan, observationsFor(db, release.id, metrics, until - TRAFFIC_WINDOW_MS, until), blocks, RELEASE_NAMES, until);
  if (own.traffic) return { releaseId: release.id, ...own, overlaps };
  const earlier = earlierWithSamples(db, release);
  if (!earlier) return { releaseId: release.id, ...own, overlaps };
  const { release: other, last } = earlier;
  const names = {
    observed: (minutes: number) => `${other.name}’s samples over its last ${minutes} min (this release has none in the last hour)`,
    none: RELEASE_NAMES.none,
  };
  const borrowed = readinessOfObservations(plan, observationsFor(db, other.id, metrics, last - TRAFFIC_WINDOW_MS, last), { source: other.source, startedAt: getStages(db, other.id)[0]?.startedAt ?? null }, names, until);
  return { releaseId: release.id, ...(borrowed.traffic ? borrowed : own), overlaps };
}
