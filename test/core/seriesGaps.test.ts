import { afterEach, describe, expect, it } from 'vitest';
import type { MetricSeries, ReleaseDetail, SegmentSeries } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

const MINUTE = 60_000;

/** A release fed by push: a total row per cohort and minute for error rate, at the minutes given (relative to `t0`). */
async function pushedRelease(minutes: readonly number[], regions: Readonly<Record<string, readonly number[]>> = {}) {
  const h = operatorCore();
  const t0 = h.clock.t;
  const { release } = await h.call<ReleaseDetail>('createRelease', { name: 'Gaps 1.0', app: 'gaps', version: '1.0', target: 'service' });
  await h.call('decide', { releaseId: release.id, action: 'start', reason: 'go live', monitor: 'dana' });
  const rows = minutes.flatMap((m) =>
    (['canary', 'baseline'] as const).map((cohort) => ({ releaseId: release.id, cohort, metric: 'error_rate', t: t0 + m * MINUTE, value: 0.4, weight: 1000 })),
  );
  const labelled = Object.entries(regions).flatMap(([region, at]) =>
    at.flatMap((m) => (['canary', 'baseline'] as const).map((cohort) => ({ releaseId: release.id, cohort, metric: 'error_rate', region, t: t0 + m * MINUTE, value: 0.4, weight: 500 }))),
  );
  await h.call('ingestSamples', { samples: [...rows, ...labelled] });
  return { ...h, releaseId: release.id, t0 };
}

const errorRate = (series: MetricSeries[]) => series.find((s) => s.metric === 'error_rate')!;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('gaps in a release’s metric series', () => {
  const cores: { close(): void }[] = [];
  afterEach(() => cores.splice(0).forEach((c) => c.close()));

  it('marks where both lines had no samples, and nothing where samples came every minute', async () => {
    const h = await pushedRelease([...range(0, 10), ...range(20, 30)]);
    cores.push(h.core);
    h.clock.t = h.t0 + 30 * MINUTE;
    const series = errorRate(await h.call<MetricSeries[]>('getMetricSeries', { releaseId: h.releaseId, metrics: ['error_rate'] }));
    expect(series.gaps).toEqual([
      { from: h.t0 + 10 * MINUTE, to: h.t0 + 20 * MINUTE, cohort: 'baseline', open: false },
      { from: h.t0 + 10 * MINUTE, to: h.t0 + 20 * MINUTE, cohort: 'canary', open: false },
    ]);
  });

  it('keeps a gap open up to now while the release rolls and nothing arrives', async () => {
    const h = await pushedRelease(range(0, 10));
    cores.push(h.core);
    h.clock.t = h.t0 + 25 * MINUTE;
    const series = errorRate(await h.call<MetricSeries[]>('getMetricSeries', { releaseId: h.releaseId, metrics: ['error_rate'] }));
    expect(series.gaps?.map((g) => [g.from - h.t0, g.to - h.t0, g.open])).toEqual([
      [10 * MINUTE, 25 * MINUTE, true],
      [10 * MINUTE, 25 * MINUTE, true],
    ]);
    // A window that ends in the past leaves it closed to what came next: no open gap is claimed there.
    const past = errorRate(await h.call<MetricSeries[]>('getMetricSeries', { releaseId: h.releaseId, metrics: ['error_rate'], untilMs: h.t0 + 10 * MINUTE }));
    expect(past.gaps).toEqual([]);
  });

  it('finds the gap across the join of an incremental answer from each line’s last sample before it', async () => {
    const h = await pushedRelease([...range(0, 10), ...range(20, 22)]);
    cores.push(h.core);
    h.clock.t = h.t0 + 22 * MINUTE;
    const since = h.t0 + 20 * MINUTE;
    const increment = errorRate(await h.call<MetricSeries[]>('getMetricSeries', { releaseId: h.releaseId, metrics: ['error_rate'], sinceMs: since }));
    expect(increment.points.map((p) => p.t)).toEqual([20, 21, 22].map((m) => h.t0 + m * MINUTE));
    expect(increment.gaps?.map((g) => [g.cohort, g.from - h.t0, g.to - h.t0])).toEqual([
      ['baseline', 10 * MINUTE, 20 * MINUTE],
      ['canary', 10 * MINUTE, 20 * MINUTE],
    ]);
  });

  it('marks where one region went silent in that region’s small multiple only, open while the release rolls', async () => {
    const h = await pushedRelease(range(0, 30), { 'eu-west': range(0, 30), 'us-east': range(0, 12) });
    cores.push(h.core);
    h.clock.t = h.t0 + 30 * MINUTE;
    const segments = await h.call<SegmentSeries[]>('getSegmentSeries', { releaseId: h.releaseId, metric: 'error_rate', dimension: 'region' });
    const gapsOf = (key: string) => segments.find((s) => s.key === key)?.gaps?.map((g) => [g.cohort, g.from - h.t0, g.to - h.t0, g.open]);
    expect(gapsOf('eu-west')).toEqual([]);
    expect(gapsOf('us-east')).toEqual([
      ['baseline', 12 * MINUTE, 30 * MINUTE, true],
      ['canary', 12 * MINUTE, 30 * MINUTE, true],
    ]);
  });

  it('finds a region’s gap across the join of an incremental answer from that region’s own last sample', async () => {
    const h = await pushedRelease(range(0, 22), { 'eu-west': range(0, 22), 'us-east': [...range(0, 10), ...range(20, 22)] });
    cores.push(h.core);
    h.clock.t = h.t0 + 22 * MINUTE;
    const segments = await h.call<SegmentSeries[]>('getSegmentSeries', { releaseId: h.releaseId, metric: 'error_rate', dimension: 'region', sinceMs: h.t0 + 20 * MINUTE });
    const gapsOf = (key: string) => segments.find((s) => s.key === key)?.gaps?.map((g) => [g.cohort, g.from - h.t0, g.to - h.t0]);
    // eu-west reported every minute: the other region's silence is not its own.
    expect(gapsOf('eu-west')).toEqual([]);
    expect(gapsOf('us-east')).toEqual([
      ['baseline', 10 * MINUTE, 20 * MINUTE],
      ['canary', 10 * MINUTE, 20 * MINUTE],
    ]);
  });
});
