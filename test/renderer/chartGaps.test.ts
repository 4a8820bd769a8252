import { describe, expect, it } from 'vitest';
import { gapBands } from '../../shared/charts/gaps.ts';
import type { MetricSeries, SegmentSeries, SeriesGap } from '../../shared/domain/metrics.ts';
import { gapLabelRows } from '../../renderer/features/release-detail/charts/gapLabels.ts';
import { pointerStops, withGapBreaks } from '../../renderer/features/release-detail/charts/gapBreaks.ts';
import { steppedIndex } from '../../renderer/features/release-detail/charts/plotScale.ts';
import { linePath } from '../../renderer/features/release-detail/charts/linePath.ts';
import { mergeKeyedWithGaps, mergeSeries } from '../../renderer/api/series/mergeSeries.ts';

const x = (t: number) => t;
const y = (v: number) => v;
const points = [0, 10, 20, 60, 70].map((t) => ({ t, canary: 1, baseline: 2 }));
const both = (from: number, to: number, open = false): SeriesGap[] => [
  { from, to, cohort: 'canary', open },
  { from, to, cohort: 'baseline', open },
];

describe('gaps on a chart', () => {
  it('lifts the pen across a gap instead of drawing a line over data that is not there', () => {
    expect(linePath(points, 'canary', x, y)).toBe('M0,1L10,1L20,1L60,1L70,1');
    const broken = withGapBreaks(points, gapBands(both(20, 60)));
    expect(linePath(broken, 'canary', x, y)).toBe('M0,1L10,1L20,1M60,1L70,1');
    expect(linePath(broken, 'baseline', x, y)).toBe('M0,2L10,2L20,2M60,2L70,2');
  });

  it('breaks only the line that went silent, and the limit with the baseline it follows', () => {
    const broken = withGapBreaks(points, gapBands([{ from: 20, to: 60, cohort: 'canary', open: false }]));
    expect(linePath(broken, 'canary', x, y)).toContain('M60,1');
    expect(linePath(broken, 'baseline', x, y)).toBe('M0,2L10,2L20,2L60,2L70,2');
    const withLimit = withGapBreaks(points.map((p) => ({ ...p, limit: 3 })), gapBands([{ from: 20, to: 60, cohort: 'baseline', open: false }]));
    expect(linePath(withLimit, 'limit', x, y)).toBe('M0,3L10,3L20,3M60,3L70,3');
  });

  it('stretches the time axis to now for a gap still open, so the silence shows', () => {
    const broken = withGapBreaks(points, gapBands(both(70, 130, true)));
    expect(broken.at(-1)).toMatchObject({ t: 130, canary: null, baseline: null });
    expect(withGapBreaks(points, [])).toBe(points);
  });

  it('steps the keys over drawn points only: across the baseline’s gap each stop reads the canary drawn there', () => {
    const drawn = [0, 10, 20, 30, 40, 50, 60].map((t) => ({ t, canary: 1, baseline: t >= 20 && t <= 40 ? null : 2 }));
    const stops = pointerStops(withGapBreaks(drawn, gapBands([{ from: 10, to: 50, cohort: 'baseline', open: false }])));
    // End, then ← back to the start: the points the tooltip reads, one per key.
    let i = steppedIndex(-1, stops.length, 'End')!;
    const read = [stops[i]!];
    while (i > 0) read.push(stops[(i = steppedIndex(i, stops.length, 'ArrowLeft')!)]!);
    expect(read.map((p) => [p.t, p.canary])).toEqual([60, 50, 40, 30, 20, 10, 0].map((t) => [t, 1]));
  });

  it('puts a gap’s words below a decision’s label they would run into, and shades a narrow gap only', () => {
    const minute = 60_000;
    // Forty minutes across 640 px: the stage starts at 30 min, the baseline silent for its first five (80 px).
    const opening = { from: 30 * minute, to: 35 * minute, lines: 'baseline', open: false } as const;
    const later = { from: 10 * minute, to: 20 * minute, lines: 'both', open: false } as const;
    const sliver = { from: 38 * minute, to: 39 * minute, lines: 'canary', open: false } as const;
    const rows = gapLabelRows([later, opening, sliver], [{ t: 30 * minute, label: 'start' }], [0, 40 * minute], [60, 700]);
    expect(rows).toEqual([0, 1, null]);
    // With no decision there, the top row is free.
    expect(gapLabelRows([opening], [], [0, 40 * minute], [60, 700])).toEqual([0]);
  });

  it('keeps the gaps shown before an incremental answer and takes the answer’s own from its join on', () => {
    const shown: MetricSeries = { metric: 'error_rate', label: 'Error rate', unit: '%', points, gaps: [...both(20, 60), ...both(70, 90, true)] };
    const fresh: MetricSeries = { metric: 'error_rate', label: 'Error rate', unit: '%', points: [{ t: 95, canary: 1, baseline: 2 }], gaps: both(70, 95) };
    const [merged] = mergeSeries([shown], [fresh], 70, 1000);
    expect(merged!.gaps).toEqual([...both(20, 60), ...both(70, 95)]);
  });

  it('merges each segment’s gaps into that segment’s small multiple only', () => {
    const shown: SegmentSeries[] = [
      { key: 'eu-west', points, gaps: both(20, 60) },
      { key: 'us-east', points, gaps: both(70, 90, true) },
    ];
    const fresh: SegmentSeries[] = [
      { key: 'eu-west', points: [{ t: 95, canary: 1, baseline: 2 }], gaps: [] },
      { key: 'us-east', points: [{ t: 95, canary: 1, baseline: 2 }], gaps: both(70, 95) },
    ];
    const merged = mergeKeyedWithGaps(shown, fresh, (s) => s.key, 70, 1000);
    expect(merged.map((s) => [s.key, s.gaps])).toEqual([
      ['eu-west', both(20, 60)],
      ['us-east', both(70, 95)],
    ]);
  });
});
