import type { GapBand } from '../../../../shared/charts/gaps.ts';

export const GAP_WORDS: Record<GapBand['lines'], string> = { both: 'no data', canary: 'no canary data', baseline: 'no baseline data' };

/** A gap narrower than this is shaded only (the legend says what). */
const GAP_LABEL_PX = 64;
/** Labels are 10 px type: a generous average glyph width, so an estimate errs towards keeping labels apart. */
const CHAR_PX = 6;
/** Room kept between two labels on one row. */
const SPACE_PX = 6;
/** A decision's label ends this far left of its line (ReferenceLine's insideTopRight offset). */
export const MARKER_LABEL_OFFSET = 4;

/** A decision whose label is drawn, on the top row, ending just left of its line. */
export interface LabelledMarker {
  t: number;
  label: string;
}

type Span = { from: number; to: number };
const overlaps = (a: Span, b: Span) => a.from < b.to + SPACE_PX && b.from < a.to + SPACE_PX;

/**
 * The row each gap's words go on (0: the top row, 1: the one below; null: shaded only), centred in a
 * band at least GAP_LABEL_PX wide: the top row unless that would run into a decision's label (drawn
 * there, left of its line: a gap opening at the stage's start put "no baseline data" against "start")
 * or another gap's words; then the row below; a band whose words find room on neither is shaded only.
 * `plot` is the plot's left and right edge in pixels.
 */
export function gapLabelRows(gaps: readonly GapBand[], markers: readonly LabelledMarker[], xDomain: readonly [number, number], plot: readonly [number, number]): (0 | 1 | null)[] {
  const span = xDomain[1] - xDomain[0];
  if (span <= 0 || plot[1] <= plot[0]) return gaps.map(() => null);
  const px = (t: number) => plot[0] + ((t - xDomain[0]) / span) * (plot[1] - plot[0]);
  const rows: Span[][] = [markers.map((m) => ({ from: px(m.t) - MARKER_LABEL_OFFSET - m.label.length * CHAR_PX, to: px(m.t) - MARKER_LABEL_OFFSET })), []];
  return gaps.map((g) => {
    const x0 = Math.max(plot[0], px(g.from));
    const x1 = Math.min(plot[1], px(g.to));
    if (x1 - x0 < GAP_LABEL_PX) return null;
    const half = (GAP_WORDS[g.lines].length * CHAR_PX) / 2;
    const words = { from: (x0 + x1) / 2 - half, to: (x0 + x1) / 2 + half };
    const row = rows.findIndex((taken) => !taken.some((s) => overlaps(s, words)));
    if (row < 0) return null;
    rows[row]!.push(words);
    return row as 0 | 1;
  });
}
