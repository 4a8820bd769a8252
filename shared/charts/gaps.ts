import { Cohort, type SeriesGap, type SeriesPoint } from '../domain/metrics.ts';

/** A chart keeps an hour; a line broken more often than this is shown by its few longest breaks. */
export const MAX_GAPS = 200;

/** The shortest silence called a gap: under this, a late sample or two is jitter, not missing data. */
export const MIN_GAP_MS = 10_000;

/** A line is broken where it is silent this many of its usual steps. */
const STEPS_TO_GAP = 3;

/** The usual spacing of a line's samples: the median of consecutive differences; null under two times. */
export function typicalStep(times: readonly number[]): number | null {
  const diffs: number[] = [];
  for (let i = 1; i < times.length; i += 1) {
    const d = Math.abs(times[i]! - times[i - 1]!);
    if (d > 0) diffs.push(d);
  }
  if (diffs.length === 0) return null;
  diffs.sort((a, b) => a - b);
  return diffs[Math.floor((diffs.length - 1) / 2)]!;
}

/** How long a line may be silent before the silence is a gap, given its usual step. */
export const gapAfterMs = (stepMs: number | null): number => Math.max(MIN_GAP_MS, STEPS_TO_GAP * (stepMs ?? 0));

export interface GapOptions {
  /** The line's usual step (see typicalStep); silences longer than gapAfterMs(step) are gaps. */
  stepMs: number | null;
  /** Each line's last sample before these points (an incremental answer), so a gap across the join is found. */
  after?: Partial<Record<Cohort, number | null>>;
  /** Now, when the release is still fed: a line silent since its last sample until now has an open gap. */
  openUntil?: number | null;
}

/**
 * Where each cohort's line has no value for longer than its usual steps allow, in time order.
 * Nothing before a line's first sample is a gap (the rollout had not begun, or the window starts).
 */
export function findGaps(points: readonly SeriesPoint[], options: GapOptions): SeriesGap[] {
  const limit = gapAfterMs(options.stepMs);
  const gaps: SeriesGap[] = [];
  for (const cohort of Cohort.options) {
    let last = options.after?.[cohort] ?? null;
    for (const p of points) {
      if (p[cohort] === null) continue;
      if (last !== null && p.t - last > limit) gaps.push({ from: last, to: p.t, cohort, open: false });
      if (last === null || p.t > last) last = p.t;
    }
    const until = options.openUntil ?? null;
    if (last !== null && until !== null && until - last > limit) gaps.push({ from: last, to: until, cohort, open: true });
  }
  gaps.sort((a, b) => a.from - b.from || a.cohort.localeCompare(b.cohort));
  if (gaps.length <= MAX_GAPS) return gaps;
  // Too many to draw: the longest, still in time order.
  const kept = new Set([...gaps].sort((a, b) => b.to - b.from - (a.to - a.from)).slice(0, MAX_GAPS));
  return gaps.filter((g) => kept.has(g));
}

/**
 * An incremental answer's gaps into those shown: gaps closed before `sinceMs` stay; the answer found
 * the rest again from each line's last sample before `sinceMs` (an open gap that has since closed or
 * grown, a gap ending at the join). Gaps that ended before `windowStart` leave with their points.
 */
export function mergeGaps(current: readonly SeriesGap[], fresh: readonly SeriesGap[], sinceMs: number, windowStart = Number.NEGATIVE_INFINITY): SeriesGap[] {
  return [...current.filter((g) => !g.open && g.to < sinceMs), ...fresh].filter((g) => g.to >= windowStart);
}

/** What a chart shades: where both lines are silent, one band; where one is, a band naming it. */
export interface GapBand {
  from: number;
  to: number;
  lines: 'both' | Cohort;
  open: boolean;
}

function intersect(a: readonly SeriesGap[], b: readonly SeriesGap[]): { from: number; to: number; open: boolean }[] {
  const out: { from: number; to: number; open: boolean }[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (to > from) out.push({ from, to, open: x.open && y.open && to === Math.max(x.to, y.to) });
    }
  }
  return out;
}

/** The parts of `gap` not covered by any of `cover`. */
function minus(gap: SeriesGap, cover: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  let pieces = [{ from: gap.from, to: gap.to }];
  for (const c of cover) {
    pieces = pieces.flatMap((p) => {
      if (c.to <= p.from || c.from >= p.to) return [p];
      return [
        ...(c.from > p.from ? [{ from: p.from, to: c.from }] : []),
        ...(c.to < p.to ? [{ from: c.to, to: p.to }] : []),
      ];
    });
  }
  return pieces;
}

export function gapBands(gaps: readonly SeriesGap[]): GapBand[] {
  const canary = gaps.filter((g) => g.cohort === 'canary');
  const baseline = gaps.filter((g) => g.cohort === 'baseline');
  const both = intersect(canary, baseline);
  const bands: GapBand[] = both.map((b) => ({ ...b, lines: 'both' }));
  for (const g of gaps) {
    for (const piece of minus(g, both)) bands.push({ ...piece, lines: g.cohort, open: g.open && piece.to === g.to });
  }
  return bands.sort((a, b) => a.from - b.from);
}
