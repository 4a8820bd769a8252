import { Cohort, findGaps, typicalStep, type Dimension, type SeriesGap, type SeriesPoint } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';
import { DEFAULT_RETENTION, MINUTE_MS } from './retention.ts';

/** Enough of a line's recent times to know its usual step, read off one series' primary key. */
const STEP_SAMPLE = 17;

/** The usual step of a metric's samples: from the answer's points, or from the newest times of one of its series. */
function stepOf(db: Db, releaseId: string, metric: string, points: readonly SeriesPoint[]): number | null {
  if (points.length >= 8) return typicalStep(points.map((p) => p.t));
  const rows = statement(
    db,
    `SELECT t FROM samples WHERE series_id = (SELECT id FROM metric_series WHERE release_id = ? AND metric = ? ORDER BY id LIMIT 1)
      AND value IS NOT NULL ORDER BY t DESC LIMIT ${STEP_SAMPLE}`,
  ).all(releaseId, metric) as { t: number }[];
  return typicalStep(rows.map((r) => r.t));
}

/** One segment of a dimension (the region eu-west): its lines are that segment's series only. */
export interface GapSegment {
  dimension: Dimension;
  key: string;
}

/** A line's last sample before `before` (within a segment, when one is given): one seek per series on its primary key. */
function lastBefore(db: Db, releaseId: string, metric: string, cohort: Cohort, before: number, segment: GapSegment | undefined): number | null {
  // The dimension is one of three column names (a zod enum at the contract), never free text.
  const inSegment = segment ? ` AND ms.${segment.dimension} = @key` : '';
  const row = statement(
    db,
    `SELECT MAX((SELECT MAX(t) FROM samples s WHERE s.series_id = ms.id AND s.t < @before AND s.value IS NOT NULL)) AS t
       FROM metric_series ms WHERE ms.release_id = @releaseId AND ms.metric = @metric AND ms.cohort = @cohort${inSegment}`,
  ).get({ before, releaseId, metric, cohort, ...(segment ? { key: segment.key } : {}) }) as { t: number | null } | undefined;
  return row?.t ?? null;
}

export interface GapQuery {
  releaseId: string;
  metric: string;
  /** The answer's points, all segments combined, before any thinning (thinning leaves holes of its own). */
  points: readonly SeriesPoint[];
  since: number;
  /** An answer that continues what the chart shows: the gap across the join is found from each line's last sample before it. */
  incremental: boolean;
  now: number;
  /** The release is still fed: a line silent since its last sample has an open gap until now. */
  fed: boolean;
  /** The lines of one segment rather than the metric's, all segments combined. */
  segment?: GapSegment;
}

/** Where each line of a metric's chart (or of one segment's small multiple) has no samples over the answer's window. */
export function seriesGaps(db: Db, q: GapQuery): SeriesGap[] {
  let step = stepOf(db, q.releaseId, q.metric, q.points);
  // Past the raw horizon the chart reads minute roll-ups: a minute between points is their step, not a gap.
  if (q.since < q.now - DEFAULT_RETENTION.rawMs) step = Math.max(step ?? 0, MINUTE_MS);
  const after = q.incremental ? Object.fromEntries(Cohort.options.map((c) => [c, lastBefore(db, q.releaseId, q.metric, c, q.since, q.segment)])) : {};
  return findGaps(q.points, { stepMs: step, after, openUntil: q.fed ? q.now : null });
}
