import { describe, expect, it } from 'vitest';
import { findGaps, gapAfterMs, gapBands, mergeGaps, MIN_GAP_MS, typicalStep } from '../../shared/charts/gaps.ts';
import type { SeriesPoint } from '../../shared/domain/metrics.ts';

const STEP = 60_000;
/** A point a minute from t = 0, both lines present unless a list says otherwise. */
const line = (minutes: readonly number[], missing: { canary?: readonly number[]; baseline?: readonly number[] } = {}): SeriesPoint[] =>
  minutes.map((m) => ({ t: m * STEP, canary: missing.canary?.includes(m) ? null : 1, baseline: missing.baseline?.includes(m) ? null : 2 }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('series gaps', () => {
  it('takes the median spacing as the usual step, so one long silence does not set it', () => {
    expect(typicalStep([0, 60, 120, 180, 900, 960].map((s) => s * 1000))).toBe(STEP);
    expect(typicalStep([5])).toBeNull();
    expect(gapAfterMs(null)).toBe(MIN_GAP_MS);
    expect(gapAfterMs(STEP)).toBe(3 * STEP);
  });

  it('finds a silence of both lines longer than three steps, and nothing in a regular line', () => {
    expect(findGaps(line(range(0, 30)), { stepMs: STEP })).toEqual([]);
    const holed = line([...range(0, 10), ...range(18, 30)]);
    expect(findGaps(holed, { stepMs: STEP })).toEqual([
      { from: 10 * STEP, to: 18 * STEP, cohort: 'baseline', open: false },
      { from: 10 * STEP, to: 18 * STEP, cohort: 'canary', open: false },
    ]);
  });

  it('leaves a late sample or two alone: three steps of silence are jitter, not a gap', () => {
    expect(findGaps(line([0, 1, 2, 5, 6, 7]), { stepMs: STEP })).toEqual([]);
    expect(findGaps(line([0, 1, 2, 6, 7]), { stepMs: STEP })).toHaveLength(2);
  });

  it('names the one line that went silent while the other kept coming', () => {
    const gaps = findGaps(line(range(0, 20), { canary: range(5, 12) }), { stepMs: STEP });
    expect(gaps).toEqual([{ from: 4 * STEP, to: 13 * STEP, cohort: 'canary', open: false }]);
  });

  it('opens a gap from the last sample to now while the release is fed, and not once it is not', () => {
    const points = line(range(0, 10));
    expect(findGaps(points, { stepMs: STEP, openUntil: 20 * STEP })).toEqual([
      { from: 10 * STEP, to: 20 * STEP, cohort: 'baseline', open: true },
      { from: 10 * STEP, to: 20 * STEP, cohort: 'canary', open: true },
    ]);
    expect(findGaps(points, { stepMs: STEP, openUntil: 12 * STEP })).toEqual([]);
    expect(findGaps(points, { stepMs: STEP, openUntil: null })).toEqual([]);
  });

  it('finds the gap across the join of an incremental answer from each line’s last sample before it', () => {
    const fresh = line(range(20, 25));
    expect(findGaps(fresh, { stepMs: STEP, after: { canary: 10 * STEP, baseline: 19 * STEP } })).toEqual([{ from: 10 * STEP, to: 20 * STEP, cohort: 'canary', open: false }]);
    expect(findGaps(fresh, { stepMs: STEP })).toEqual([]);
  });

  it('keeps closed gaps shown before the join and takes the answer’s for the rest, dropping those out of the window', () => {
    const old = { from: 1 * STEP, to: 5 * STEP, cohort: 'canary' as const, open: false };
    const closedAtJoin = { from: 8 * STEP, to: 12 * STEP, cohort: 'canary' as const, open: false };
    const openBefore = { from: 14 * STEP, to: 20 * STEP, cohort: 'baseline' as const, open: true };
    const refound = { from: 14 * STEP, to: 22 * STEP, cohort: 'baseline' as const, open: false };
    expect(mergeGaps([old, closedAtJoin, openBefore], [closedAtJoin, refound], 12 * STEP)).toEqual([old, closedAtJoin, refound]);
    expect(mergeGaps([old, openBefore], [refound], 12 * STEP, 6 * STEP)).toEqual([refound]);
  });

  it('shades one band where both lines are silent and names the line where only one is', () => {
    const bands = gapBands([
      { from: 0, to: 100, cohort: 'canary', open: false },
      { from: 50, to: 150, cohort: 'baseline', open: true },
    ]);
    expect(bands).toEqual([
      { from: 0, to: 50, lines: 'canary', open: false },
      { from: 50, to: 100, lines: 'both', open: false },
      { from: 100, to: 150, lines: 'baseline', open: true },
    ]);
    expect(gapBands([{ from: 0, to: 100, cohort: 'canary', open: true }, { from: 0, to: 100, cohort: 'baseline', open: true }])).toEqual([{ from: 0, to: 100, lines: 'both', open: true }]);
  });
});
