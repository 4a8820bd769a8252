import { z } from 'zod';
import { MetricName, Segment } from './metrics.ts';
import { Dimension } from '../gates/types.ts';
import type { InputIssue } from '../result.ts';

/** A fault the simulator plays into the canary: a metric scaled by a factor in one segment, for a while. */
export const Fault = z.object({
  id: z.string(),
  releaseId: z.string(),
  metric: MetricName,
  /** Empty means every value of that dimension. */
  segment: z.object({ region: z.string(), device: z.string(), tenant: z.string() }),
  factor: z.number(),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  createdAt: z.number().int(),
});
export type Fault = z.infer<typeof Fault>;

export const FaultRequest = z
  .object({
    releaseId: z.string().min(1).max(64),
    metric: MetricName,
    segment: Segment.strict().default({ region: '', device: '', tenant: '' }),
    /** How large: the canary's value is multiplied by this (1.5 = 50 % higher). */
    factor: z.number().positive().max(1000),
    startsInSeconds: z.number().int().min(0).max(7 * 86_400).default(0),
    durationSeconds: z.number().int().min(1).max(30 * 86_400).default(3600),
  })
  .strict();

export function faultApplies(fault: Fault, metric: string, segment: { region: string; device: string; tenant: string }, t: number): boolean {
  return (
    fault.metric === metric &&
    t >= fault.startsAt &&
    t < fault.endsAt &&
    (fault.segment.region === '' || fault.segment.region === segment.region) &&
    (fault.segment.device === '' || fault.segment.device === segment.device) &&
    (fault.segment.tenant === '' || fault.segment.tenant === segment.tenant)
  );
}

/** The keys of each segment dimension: of the simulated traffic, or of what was recorded. */
export const SegmentKeys = z.object({ region: z.array(z.string()), device: z.array(z.string()), tenant: z.array(z.string()) });
export type SegmentKeys = z.infer<typeof SegmentKeys>;

/** What segments a release has: the keys with samples recorded per metric and dimension, and the ones the simulator plays. */
export const ReleaseSegments = z.object({
  recorded: z.array(z.object({ metric: MetricName, dimension: Dimension, keys: z.array(z.string()) })),
  simulated: SegmentKeys,
});
export type ReleaseSegments = z.infer<typeof ReleaseSegments>;

/**
 * A fault can only target a segment the simulator plays: a region that does not exist would
 * degrade nothing while the fault list said otherwise. One issue per named value it does not know.
 */
export function faultSegmentIssues(segment: Record<Dimension, string>, known: SegmentKeys): InputIssue[] {
  return Dimension.options.flatMap((d): InputIssue[] => {
    const value = segment[d].trim();
    if (!value || known[d].includes(value)) return [];
    const message = known[d].length === 0 ? `the simulated traffic has no ${d}s; leave it empty for all` : `no ${d} "${value}" in the simulated traffic; choose one of: ${known[d].join(', ')}`;
    return [{ path: `segment.${d}`, message }];
  });
}
