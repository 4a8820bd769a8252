import { z } from 'zod';
import { ConnectionProblem } from '../domain/connections.ts';
import { Cohort, MetricName, Segment } from '../domain/metrics.ts';

/** The newest interval of one segment of one cohort, as the query returned it now. */
export const PreviewPoint = z.object({ segment: Segment, t: z.number().int(), value: z.number().nullable(), weight: z.number() });

export const CohortPreview = z.object({
  cohort: Cohort,
  /** Series the trials/weight query returned; 0 = this cohort has no metrics (the selector matches nothing). */
  series: z.number().int(),
  points: z.array(PreviewPoint).max(500),
});

export const MetricPreview = z.object({
  metric: MetricName,
  ok: z.boolean(),
  problem: ConnectionProblem.nullable(),
  /** What came back, or what is wrong and how to fix it, in a sentence. */
  message: z.string(),
  cohorts: z.array(CohortPreview),
});
export type MetricPreview = z.infer<typeof MetricPreview>;

export const MappingPreview = z.object({
  at: z.number().int(),
  windowStart: z.number().int(),
  windowEnd: z.number().int(),
  metrics: z.array(MetricPreview),
});
export type MappingPreview = z.infer<typeof MappingPreview>;

/** Why a cohort came back empty, with the fix: Kayenta's "control has no metrics" trap, said before the rollout. */
export function emptyCohortMessage(cohort: Cohort, label: string, value: string): string {
  return `the ${cohort} has no metrics: nothing matched ${label}="${value}" — check the ${cohort} selector, and that the ${cohort} is deployed and scraped`;
}
