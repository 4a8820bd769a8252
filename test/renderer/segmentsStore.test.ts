import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SeriesPoint } from '../../shared/domain/metrics.ts';
import { fakeClient } from './fakeClient.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';
import { KEPT_POINTS } from '../../renderer/api/series/thinSeries.ts';
import { SEGMENT_POINTS } from '../../renderer/store/slices/segments.ts';


const points = (from: number, to: number, v = 1): SeriesPoint[] => Array.from({ length: to - from + 1 }, (_, i) => ({ t: (from + i) * 1000, canary: v, baseline: v }));

afterEach(() => vi.useRealTimers());

describe('segment series in the store', () => {
  it('loads a query whole, then only what arrived since, at most once a second on samples', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    fake.answers.getSegmentSeries = (input: { sinceMs?: number }) =>
      input.sinceMs === undefined
        ? [
            { key: 'eu-west', points: points(0, 10) },
            { key: 'us-east', points: points(0, 10) },
          ]
        : [{ key: 'eu-west', points: points(10, 12, 2) }];
    const store = createAppStore(fake.client);
    store.getState().start();
    store.getState().openSegments({ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'region' });
    await vi.waitFor(() => expect(store.getState().segmentSeries?.series).toHaveLength(2));
    const segmentCalls = () => fake.calls.filter((c) => c[0] === 'getSegmentSeries');
    expect(segmentCalls()[0]![1]).toMatchObject({ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'region', maxPoints: SEGMENT_POINTS });
    expect(segmentCalls()[0]![1].sinceMs).toBeUndefined();

    for (let i = 0; i < 4; i++) fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: i });
    fake.push({ type: 'samples.arrived', releaseIds: ['b'], until: 9 });
    await vi.advanceTimersByTimeAsync(0);
    expect(segmentCalls()).toHaveLength(2);
    expect(segmentCalls()[1]![1].sinceMs).toBe(10_000);
    const euWest = store.getState().segmentSeries!.series.find((s) => s.key === 'eu-west')!;
    expect(euWest.points.map((p) => p.canary)).toEqual([...Array(10).fill(1), 2, 2, 2]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(segmentCalls()).toHaveLength(3);

    // Another dimension is a new query: loaded whole.
    store.getState().openSegments({ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'device' });
    await vi.advanceTimersByTimeAsync(0);
    expect(segmentCalls().at(-1)![1]).toMatchObject({ dimension: 'device' });
    expect(segmentCalls().at(-1)![1].sinceMs).toBeUndefined();

    store.getState().closeSegments();
    const before = segmentCalls().length;
    fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: 99 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(segmentCalls()).toHaveLength(before);
  });

  it('keeps the metric series bounded while ticks are appended', async () => {
    const fake = fakeClient();
    let since: number | undefined;
    fake.answers.getRelease = (input: { releaseId: string }) => ({ release: { id: input.releaseId }, stages: [], decisions: [] });
    fake.answers.getMetricSeries = (input: { sinceMs?: number }) => {
      since = input.sinceMs;
      const from = input.sinceMs === undefined ? 0 : input.sinceMs / 1000;
      return [{ metric: 'p95_latency_ms', label: 'p95', unit: 'ms', points: points(from, from + (input.sinceMs === undefined ? 999 : 400)) }];
    };
    const store = createAppStore(fake.client);
    store.getState().openRelease('a');
    await vi.waitFor(() => expect(store.getState().series?.[0]?.points).toHaveLength(1000));
    await store.getState().syncMetrics();
    expect(since).toBe(999_000);
    expect(store.getState().series![0]!.points.length).toBeLessThanOrEqual(KEPT_POINTS + 1);
    expect(store.getState().series![0]!.points.at(-1)!.t).toBe(1399_000);
  });
});
