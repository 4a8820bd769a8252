// The backtest's input rows and its JSON output: the guard replayed on a virtual clock over recorded
// samples. The CLI, the benchmark's corpus and (later) rehearsal and the plan editor share these shapes.
import { z } from 'zod';
import { Cohort, MAX_LABEL_LENGTH, MetricName } from '../domain/metrics.ts';
import { Outcome } from '../gates/types.ts';

/** One recorded value: `t` is the end of the interval it covers; `value` null = missing. */
export const BacktestRow = z.object({
  t: z.number().int(),
  cohort: Cohort,
  metric: MetricName,
  value: z.number().nullable(),
  /** Requests, sessions or users behind the value. */
  weight: z.number().min(0),
  region: z.string().max(MAX_LABEL_LENGTH),
  device: z.string().max(MAX_LABEL_LENGTH),
  tenant: z.string().max(MAX_LABEL_LENGTH),
});
export type BacktestRow = z.infer<typeof BacktestRow>;

/** From `t` on, the plan stage with this 0-based index was in force. */
export const ScheduleRow = z.object({ t: z.number().int(), stage: z.number().int().min(0).max(19) });
export type ScheduleRow = z.infer<typeof ScheduleRow>;

export const StopAction = z.enum(['pause', 'halt', 'rollback']);
export const BacktestAction = z.enum(['promote', 'request_approval', 'pause', 'halt', 'rollback']);
export type BacktestAction = z.infer<typeof BacktestAction>;

export const SegmentLabels = z.record(z.string(), z.string());

export const BacktestLook = z.object({
  t: z.number().int(),
  stage: z.number().int(),
  gates: z.array(
    z.object({
      id: z.string(),
      outcome: Outcome,
      segments: z.array(z.object({ labels: SegmentLabels, outcome: Outcome })),
    }),
  ),
});

export const BacktestDecision = z.object({
  t: z.number().int(),
  stage: z.number().int(),
  exposure: z.number(),
  action: BacktestAction,
  gate: z.string().nullable(),
  segment: SegmentLabels.nullable(),
  reason: z.string(),
});
export type BacktestDecision = z.infer<typeof BacktestDecision>;

export const BacktestResult = z.object({
  looks: z.array(BacktestLook),
  decisions: z.array(BacktestDecision),
  firstStop: z.object({ t: z.number().int(), stage: z.number().int(), exposure: z.number(), action: StopAction }).nullable(),
});
export type BacktestResult = z.infer<typeof BacktestResult>;
