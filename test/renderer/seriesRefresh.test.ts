import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEGMENT_POINTS } from '../../renderer/api/series/seriesQueries.ts';
import { KEPT_POINTS } from '../../renderer/api/series/thinSeries.ts';
import { fakeClient } from './fakeClient.ts';
import { points, series } from './fixtures.ts';
import { screen } from './screen.ts';

afterEach(() => vi.useRealTimers());

describe('series on screen', () => {
  it('load a segment query whole, then only what arrived since, at most once a second on samples', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = fakeClient();
    fake.answers.getSegmentSeries = (input) =>
      input.sinceMs === undefined
        ? [
            { key: 'eu-west', points: points(0, 10) },
            { key: 'us-east', points: points(0, 10) },
          ]
        : [{ key: 'eu-west', points: points(10, 12, 2) }];
    const app = screen(fake);
    const region = app.show(app.reads.segments({ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'region' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(region.getCurrentResult().data).toHaveLength(2);
    const inputs = () => fake.inputs('getSegmentSeries');
    expect(inputs()).toEqual([{ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'region', maxPoints: SEGMENT_POINTS }]);

    for (let i = 0; i < 4; i++) fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: i });
    fake.push({ type: 'samples.arrived', releaseIds: ['b'], until: 9 });
    await vi.advanceTimersByTimeAsync(0);
    expect(inputs()).toHaveLength(2);
    expect(inputs()[1]).toMatchObject({ sinceMs: 10_000 });
    const euWest = region.getCurrentResult().data!.find((s) => s.key === 'eu-west')!;
    expect(euWest.points.map((p) => p.canary)).toEqual([...Array(10).fill(1), 2, 2, 2]);
    expect(region.getCurrentResult().data!.find((s) => s.key === 'us-east')!.points).toHaveLength(11);
    await vi.advanceTimersByTimeAsync(1000);
    expect(inputs()).toHaveLength(3);

    // Another dimension is a new query: loaded whole.
    region.off();
    const device = app.show(app.reads.segments({ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'device' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(inputs().at(-1)).toEqual({ releaseId: 'a', metric: 'p95_latency_ms', dimension: 'device', maxPoints: SEGMENT_POINTS });

    device.off();
    const before = inputs().length;
    fake.push({ type: 'samples.arrived', releaseIds: ['a'], until: 99 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(inputs()).toHaveLength(before);
  });

  it('keep the metric series bounded while ticks are appended', async () => {
    const fake = fakeClient();
    fake.answers.getMetricSeries = (input) => {
      const from = input.sinceMs === undefined ? 0 : input.sinceMs / 1000;
      return [series('p95_latency_ms', points(from, from + (input.sinceMs === undefined ? 999 : 400)))];
    };
    const app = screen(fake);
    const shown = app.show(app.reads.metrics('a'));
    await app.idle();
    expect(shown.getCurrentResult().data?.[0]?.points).toHaveLength(1000);
    for (let i = 0; i < 8; i++) await shown.refetch();
    expect(fake.inputs('getMetricSeries').at(1)).toMatchObject({ sinceMs: 999_000 });
    const kept = shown.getCurrentResult().data![0]!.points;
    expect(kept.length).toBeLessThanOrEqual(KEPT_POINTS * 1.25 + 1);
    expect(kept.at(-1)!.t).toBe(1000 * (999 + 8 * 400));
  });
});
