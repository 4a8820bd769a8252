import { METRICS } from '../../../shared/index.ts';
import type { PushFrontier } from '../repos/pushReports.ts';

/** What a look waits for, as the Release detail's next step says it: "the baseline's Error rate rows after 10:05:00 UTC". */
export function waitingWords(waiting: NonNullable<PushFrontier['waitingFor']>): string {
  const rows = `the ${waiting.cohort}'s ${METRICS[waiting.metric].label} rows`;
  if (waiting.reportedUntil === null) return `${rows} (not pushed yet)`;
  return `${rows} after ${new Date(waiting.reportedUntil).toISOString().slice(11, 19)} UTC`;
}
