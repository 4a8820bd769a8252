// One line of a release's or a train's timeline: what happened (or, for a train, is planned) as data,
// one variant per kind; the screen puts it into words (renderer/features/timeline/timelineWords.ts).
import { z } from 'zod';
import { Fault } from './faults.ts';
import { Environment, FlagState } from './flags.ts';
import { ReleaseStatus } from './release.ts';
import { Action, PromotionMode } from './stage.ts';
import { PhaseName } from './trains.ts';
import { OverrideReasonCode } from '../rollout/guardRules.ts';

const Int = z.number().int();

const entry = <K extends string, S extends z.ZodRawShape>(kind: K, fields: S) =>
  z.object({
    kind: z.literal(kind),
    at: Int,
    actor: z.string().nullable(),
    releaseId: z.string().nullable(),
    /** A phase date in the future is on the timeline too, marked as planned. */
    planned: z.boolean(),
    ...fields,
  });

const flagFields = { flag: z.string(), description: z.string() };
const trainItemFields = { item: z.string(), phase: PhaseName, run: Int };

export const TimelineEntry = z.discriminatedUnion('kind', [
  entry('release.created', { name: z.string(), plan: z.string().nullable() }),
  entry('plan.updated', { plan: z.string(), stages: Int }),
  entry('decision.recorded', { action: Action, from: ReleaseStatus, to: ReleaseStatus, reason: z.string(), overrideReason: OverrideReasonCode.nullable() }),
  entry('approval.requested', { stage: z.string().nullable(), stageIndex: Int, why: z.string() }),
  entry('simulator.fault_injected', { metric: Fault.shape.metric, factor: z.number(), segment: Fault.shape.segment, startsAt: Int }),
  entry('simulator.faults_cleared', { count: Int }),
  entry('flag.created', flagFields),
  entry('flag.updated', flagFields),
  entry('flag.state_changed', { flag: z.string(), environment: Environment, from: FlagState, to: FlagState, reason: z.string() }),
  entry('train.created', { name: z.string() }),
  entry('train.updated', { name: z.string() }),
  entry('train.item_checked', trainItemFields),
  entry('train.item_unchecked', trainItemFields),
  entry('stage.started', { label: z.string(), exposurePct: z.number(), gates: Int, promotion: PromotionMode }),
  entry('train.phase', { train: z.string(), run: Int, label: z.string(), owner: z.string(), overdue: z.boolean() }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type TimelineKind = TimelineEntry['kind'];
