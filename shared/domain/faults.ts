import { z } from 'zod';
import { MetricName } from './metrics.ts';

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
    segment: z
      .object({ region: z.string().max(32).default(''), device: z.string().max(32).default(''), tenant: z.string().max(32).default('') })
      .strict()
      .default({ region: '', device: '', tenant: '' }),
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
