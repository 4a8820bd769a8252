// Pushed rows new for a time the guard has already folded: another region's part of a minute sent in
// a call of its own, or a minute retried after the next. The look after they arrive folds them as
// intervals of their own — disjoint requests, so their evidence adds — rather than leaving them
// stored and never judged. A row that repeats one already judged, or corrects it, is not listed:
// counted once, as a batch sent twice is.
import { blockEnd, isTotalRow, type MetricName, type SampleBlocks } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';
import { seriesId, seriesLabels, type SeriesKey } from './series.ts';
import type { TimedObservation } from './store.ts';

/** Of rows about to be stored, those no row of their series has at their time yet. Call before the write, in its transaction. */
export function newRows<T extends SeriesKey & { t: number }>(db: Db, rows: readonly T[]): T[] {
  const exists = statement(db, 'SELECT 1 FROM samples WHERE series_id = ? AND t = ?');
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = seriesId(db, r);
    const key = `${id}:${r.t}`;
    if (seen.has(key) || exists.get(id, r.t) !== undefined) return false;
    seen.add(key);
    return true;
  });
}

export function recordBackfilled(db: Db, rows: readonly (SeriesKey & { t: number })[]): void {
  const insert = statement(db, 'INSERT OR IGNORE INTO backfilled_samples (release_id, series_id, t) VALUES (?, ?, ?)');
  for (const r of rows) insert.run(r.releaseId, seriesId(db, r), r.t);
}

/**
 * The release's backfilled rows of these metrics in (after, upTo] that have a value, as a look's
 * observations. A cell's row in a block whose total was judged on total rows of its cohort is marked
 * `cellOnly`: it joins its segments, but not the total, which those rows already stand for.
 */
export function backfilledObservations(db: Db, releaseId: string, metrics: readonly MetricName[], after: number, upTo: number, blocks: SampleBlocks): Map<MetricName, TimedObservation[]> {
  const byMetric = new Map<MetricName, TimedObservation[]>();
  if (!(upTo > after)) return byMetric;
  const rows = statement(
    db,
    `SELECT b.series_id AS id, s.t, s.value, s.weight FROM backfilled_samples b JOIN samples s ON s.series_id = b.series_id AND s.t = b.t
     WHERE b.release_id = ? AND b.t > ? AND b.t <= ? AND s.value IS NOT NULL ORDER BY b.t`,
  ).all(releaseId, after, upTo) as { id: number; t: number; value: number; weight: number }[];
  const totalRowsIn = statement(
    db,
    `SELECT 1 FROM metric_series ms JOIN samples s ON s.series_id = ms.id
     WHERE ms.release_id = ? AND ms.metric = ? AND ms.cohort = ? AND ms.region = '' AND ms.device = '' AND ms.tenant = '' AND s.t > ? AND s.t <= ? AND s.value IS NOT NULL LIMIT 1`,
  );
  for (const r of rows) {
    const labels = seriesLabels(db, r.id);
    if (!labels || !metrics.includes(labels.metric)) continue;
    const end = blockEnd(r.t, blocks);
    const cellOnly = !isTotalRow(labels.segment) && totalRowsIn.get(releaseId, labels.metric, labels.cohort, end - Math.max(blocks.ms, 1), end) !== undefined;
    let into = byMetric.get(labels.metric);
    if (!into) byMetric.set(labels.metric, (into = []));
    into.push({ cohort: labels.cohort, segment: labels.segment, value: r.value, weight: r.weight, t: r.t, ...(cellOnly ? { cellOnly: true } : {}) });
  }
  return byMetric;
}

/** Forgets the release's backfilled rows up to `upTo`: folded by the look that passed them, or from before its stage. */
export function forgetBackfilled(db: Db, releaseId: string, upTo: number): void {
  statement(db, 'DELETE FROM backfilled_samples WHERE release_id = ? AND t <= ?').run(releaseId, upTo);
}
