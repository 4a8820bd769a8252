// Rows whose windows overlap, in the product's words: one text for a file's rows (the CLI), a
// release's pushed samples (the Release detail) and the pre-flight's evidence check.
import type { SampleOverlap } from '../domain/readiness.ts';

/** What the rows are called where they are read: a file's rows are fetched, a release's samples pushed. */
export interface OverlapWords {
  one: 'row' | 'sample';
  many: 'rows' | 'samples';
  sent: 'fetched' | 'pushed';
}

export const FILE_ROWS: OverlapWords = { one: 'row', many: 'rows', sent: 'fetched' };
export const PUSHED_SAMPLES: OverlapWords = { one: 'sample', many: 'samples', sent: 'pushed' };

/** "look like windows that overlap: … (successive changes correlated -0.02 over 330 intervals, where independent intervals give −0.50 ± 0.04)" */
export function overlapPredicate(o: Pick<SampleOverlap, 'pairs' | 'r'>): string {
  return (
    'look like windows that overlap: what the canary shows in one interval carries into the next ' +
    `(successive changes correlated ${o.r.toFixed(2)} over ${o.pairs} intervals, where independent intervals give −0.50 ± ${Math.sqrt(0.5 / o.pairs).toFixed(2)})`
  );
}

/** "error_rate rows look like windows that overlap: …" */
export const overlapReadingText = (o: Pick<SampleOverlap, 'metric' | 'pairs' | 'r'>, words: OverlapWords): string => `${o.metric} ${words.many} ${overlapPredicate(o)}`;

/** What to do about it, and what it costs until then. */
export function overlapFixText(words: OverlapWords): string {
  return (
    `Each ${words.one} must cover only the interval it ends (an increase over [1m] ${words.sent} every minute, not over [5m]): ` +
    `the guard takes every ${words.one} for an independent draw, so an event in five ${words.many} counts five times`
  );
}
