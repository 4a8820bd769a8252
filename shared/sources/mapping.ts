import { z } from 'zod';
import { Dimension } from '../gates/types.ts';
import { MetricName } from '../domain/metrics.ts';
import { Id } from '../domain/id.ts';
import { Duration } from '../plans/duration.ts';

/** A provider query; `$name` variables are filled per release and cohort (see TEMPLATE_VARIABLES). */
const Query = z.string().trim().min(1).max(4000);

/**
 * How one gate metric is read. A rate is `events` out of `trials` per interval (the value stored is
 * 100·events/trials, the weight the trials); anything else is a `value` (times `scale`, e.g. 1000 for
 * seconds → ms, 100 for a 0–1 fraction) with the `weight` (requests, sessions, users) behind it.
 */
export const MetricQuery = z.union([
  z.object({ events: Query, trials: Query }).strict(),
  z.object({ value: Query, weight: Query, scale: z.number().positive().max(1e9).default(1) }).strict(),
]);
export type MetricQuery = z.infer<typeof MetricQuery>;

/**
 * Which cohort a result belongs to: the label that tells them apart and its value for each (a
 * version label, a pod-template hash, or a flag-state label such as `flag_checkout="on"` / "off").
 */
export const CohortSelector = z
  .object({
    label: z.string().trim().min(1).max(100).regex(/^[A-Za-z_][A-Za-z0-9_.:-]*$/, 'a label name'),
    canary: z.string().trim().min(1).max(200).default('$version'),
    baseline: z.string().trim().min(1).max(200).default('$baselineVersion'),
  })
  .strict();
export type CohortSelector = z.infer<typeof CohortSelector>;

/**
 * A plan's metric mapping, like Kayenta's canary config: where each gate metric comes from and how
 * to read canary, baseline and segments out of the results.
 */
export const MetricMapping = z
  .object({
    /** The connection (Settings ▸ Connections) the queries run on. */
    connection: Id,
    /** How often a rolling stage is fetched, and the step of backfills. */
    interval: Duration.default('60s'),
    /** Data older than this counts as no data: the guard never promotes on it. */
    staleAfter: Duration.default('5m'),
    cohorts: CohortSelector,
    /** Which result label fills each segment dimension (region ← "zone", device ← "device_class"). */
    segments: z.partialRecord(Dimension, z.string().trim().min(1).max(100)).default({}),
    queries: z.partialRecord(MetricName, MetricQuery),
  })
  .strict()
  .refine((m) => Object.keys(m.queries).length > 0, { path: ['queries'], message: 'map at least one gate metric' });
export type MetricMapping = z.infer<typeof MetricMapping>;
export type MetricMappingInput = z.input<typeof MetricMapping>;

/** The variables a query may use, with what they stand for (the plan editor lists them). */
export const TEMPLATE_VARIABLES = {
  $cohort: 'the cohort matcher in the provider’s syntax, e.g. version="1.4.0" (Prometheus), version:1.4.0 (Datadog)',
  $cohortValue: 'the cohort’s label value alone, e.g. 1.4.0',
  $version: 'the release’s version',
  $baselineVersion: 'the version the canary is compared with',
  $app: 'the release’s app or service',
  $release: 'the release id',
  $interval: 'the fetch interval as a duration, e.g. 60s',
  $intervalSeconds: 'the fetch interval in seconds, e.g. 60',
  $segmentLabels: 'the mapped segment labels, comma-separated, for a "by (…)" clause',
} as const;

/** A mapping as a release stores it: versioned, so a later shape can still read this one. */
export const StoredMapping = z.object({ v: z.literal(1), mapping: MetricMapping });
