import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { PushEvent } from '../../shared/domain/events.ts';
import { throttle } from '../lib/throttle.ts';
import { putDecision } from './cacheWrites.ts';
import { mutationKeys, queryKeys, type ReleaseWrite } from './queryKeys.ts';
import { refresh } from './refresh.ts';

/** Samples arrive every tick for every live release; charts need no more than one refresh a second. */
export const METRICS_REFRESH_MS = 1000;
/** The gate panel re-judges on samples too, at most once a second. */
export const GATES_REFRESH_MS = 1000;
/** The small multiples per segment, likewise. */
export const SEGMENTS_REFRESH_MS = 1000;
/** Plan readiness reads an hour of traffic: a new tick barely moves it, so twice a minute is plenty. */
export const READINESS_REFRESH_MS = 30_000;
/** Which segments have data changes rarely (a new label, a first sample): a look every 15 s while samples arrive. */
export const SEGMENT_KEYS_REFRESH_MS = 15_000;

/**
 * The one table from push to cache. Only queries on screen are refetched; the others are marked
 * stale and refetch when shown again.
 *
 * - release.changed → everything shown of that release, the releases list, every train's timeline
 *   and the trains (a run lists its releases); nothing of another release. One our own write
 *   caused fetches only what that write's answer leaves out (AFTER_OWN_WRITE); a second one while
 *   the write is under way was someone else's, and all of it is fetched once the write is answered.
 * - decision.recorded → put into the cached detail and decision logs once; nothing is fetched for
 *   it (the host follows it with a release.changed, which refreshes the rest).
 * - samples.arrived → metrics, gates, segments, readiness and segment keys of those releases, each
 *   throttled to its own pace.
 */
const RELEASE_CHANGED = (releaseId: string): QueryKey[] => [
  queryKeys.release(releaseId),
  queryKeys.gates(releaseId),
  queryKeys.plan(releaseId),
  queryKeys.readiness(releaseId),
  queryKeys.faults(releaseId),
  queryKeys.timeline({ releaseId }),
  queryKeys.trainTimelines(),
  queryKeys.releases(),
  queryKeys.trains(),
];

const SAMPLES_ARRIVED: { ms: number; keys: (releaseId: string) => QueryKey[] }[] = [
  { ms: METRICS_REFRESH_MS, keys: (id) => [queryKeys.metrics(id)] },
  { ms: GATES_REFRESH_MS, keys: (id) => [queryKeys.gates(id)] },
  { ms: SEGMENTS_REFRESH_MS, keys: (id) => [queryKeys.releaseSegments(id)] },
  { ms: READINESS_REFRESH_MS, keys: (id) => [queryKeys.readiness(id)] },
  { ms: SEGMENT_KEYS_REFRESH_MS, keys: (id) => [queryKeys.segmentKeys(id)] },
];

const without = (keys: QueryKey[], left: QueryKey): QueryKey[] => keys.filter((k) => hashKey(k) !== hashKey(left));

/**
 * A release.changed that our own write on that release caused (the write is under way, or it was
 * the decision we had just been answered): what to fetch then, the rest being in the write's answer
 * or out of its reach. A decision moves the stage and the guard's next step; its answer is the
 * release's detail (and the list's row), and it changes no fault and no train.
 */
const AFTER_OWN_WRITE: Record<ReleaseWrite, (releaseId: string) => QueryKey[]> = {
  decide: (id) => [queryKeys.gates(id), queryKeys.plan(id), queryKeys.readiness(id), queryKeys.timeline({ releaseId: id }), queryKeys.trainTimelines()],
  // A plan edit may change any of the release (stages, source, mapping) but the plan it answered.
  updatePlan: (id) => without(RELEASE_CHANGED(id), queryKeys.plan(id)),
  injectFault: (id) => without(RELEASE_CHANGED(id), queryKeys.faults(id)),
};
const WRITES: readonly ReleaseWrite[] = ['decide', 'updatePlan', 'injectFault'];

export interface PushRouter {
  handle(event: PushEvent): void;
  stop(): void;
}

export function createPushRouter(queryClient: QueryClient): PushRouter {
  // The release whose decision was just pushed while its detail already held it (our own decide
  // answered first): the release.changed the host sends right after it is that decision's.
  let answeredDecision: string | null = null;

  const samples = SAMPLES_ARRIVED.map(({ ms, keys }) => {
    const pending = new Set<string>();
    const run = throttle(() => {
      for (const id of pending) for (const key of keys(id)) void refresh(queryClient, key);
      pending.clear();
    }, ms);
    return { pending, run };
  });

  const writing = (kind: ReleaseWrite, releaseId: string) => queryClient.isMutating({ mutationKey: mutationKeys.releaseWrite(kind, releaseId) }) > 0;
  // The pushes of a release that came while our writes on it were under way. Each write causes one:
  // a second means someone else (the guard asking for approval, say) changed the release too, and our
  // answer, which lands after it, may have been read before that change.
  const seenWhileWriting = new Map<string, number>();
  const overtaken = new Set<string>();
  const stopWatchingWrites = queryClient.getMutationCache().subscribe((event) => {
    const key = event.mutation?.options.mutationKey;
    if (event.type !== 'updated' || event.mutation.state.status === 'pending' || !key || key[0] !== 'releaseWrite') return;
    const releaseId = String(key[2]);
    if (WRITES.some((kind) => writing(kind, releaseId))) return;
    seenWhileWriting.delete(releaseId);
    // Fetched once the answers are in, so what they brought does not land on top of the newer change.
    if (overtaken.delete(releaseId)) for (const k of RELEASE_CHANGED(releaseId)) void refresh(queryClient, k);
  });

  /** What a release.changed must fetch: all of RELEASE_CHANGED, or after our own writes only what they leave out. */
  const toFetch = (releaseId: string, decided: boolean): QueryKey[] => {
    const mutating = WRITES.filter((kind) => writing(kind, releaseId));
    const own = WRITES.filter((kind) => (kind === 'decide' && decided) || mutating.includes(kind));
    if (own.length === 0) return RELEASE_CHANGED(releaseId);
    if (mutating.length > 0) {
      const seen = (seenWhileWriting.get(releaseId) ?? 0) + 1;
      seenWhileWriting.set(releaseId, seen);
      if (seen > own.length) overtaken.add(releaseId);
    }
    const keys = new Map(own.flatMap((kind) => AFTER_OWN_WRITE[kind](releaseId)).map((key) => [hashKey(key), key]));
    return [...keys.values()];
  };

  return {
    handle: (event) => {
      // Only the push right after a decision's can be its release.changed.
      const decided = answeredDecision;
      answeredDecision = null;
      switch (event.type) {
        case 'release.changed': {
          for (const key of toFetch(event.releaseId, decided === event.releaseId)) void refresh(queryClient, key);
          break;
        }
        case 'decision.recorded':
          if (putDecision(queryClient, event.decision)) answeredDecision = event.decision.releaseId;
          break;
        case 'samples.arrived':
          for (const { pending, run } of samples) {
            for (const id of event.releaseIds) pending.add(id);
            run();
          }
          break;
      }
    },
    stop: () => {
      stopWatchingWrites();
      for (const { run } of samples) run.cancel();
    },
  };
}
