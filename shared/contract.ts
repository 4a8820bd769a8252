import { z } from 'zod';
import { ChainReport, LoggedEvent, type PushEvent } from './domain/events.ts';
import { MetricName, MetricSeries } from './domain/metrics.ts';
import { Action, Decision, Id, ReleaseDetail, ReleaseStatus, ReleaseSummary } from './domain/release.ts';
import type { Result } from './result.ts';

export const Role = z.enum(['viewer', 'operator']);
export type Role = z.infer<typeof Role>;

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  role: Role;
  summary: string;
  input: I;
  output: O;
}

const method = <I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> => def;

const Reason = z
  .string()
  .trim()
  .min(3, 'say why, in at least 3 characters')
  .max(500, 'keep the reason under 500 characters');

/**
 * The one map every host registers and every client is typed from.
 * Adding a capability is: a schema here, a handler in electron/core, UI in renderer.
 */
export const contract = {
  getInfo: method({
    role: 'viewer',
    summary: 'Version, data location, the caller and the state of the event log.',
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      dataDir: z.string(),
      actor: z.string(),
      role: Role,
      eventLog: ChainReport,
    }),
  }),
  listReleases: method({
    role: 'viewer',
    summary: 'Every release with its current stage and exposure.',
    input: z.object({ status: ReleaseStatus.optional() }).strict(),
    output: z.array(ReleaseSummary),
  }),
  getRelease: method({
    role: 'viewer',
    summary: 'One release with its plan, recent decisions and the actions allowed now.',
    input: z.object({ releaseId: Id }).strict(),
    output: ReleaseDetail,
  }),
  decide: method({
    role: 'operator',
    summary: 'Promote, pause, resume, halt, roll back or complete a release, with a reason.',
    input: z.object({ releaseId: Id, action: Action, reason: Reason }).strict(),
    output: ReleaseDetail,
  }),
  listDecisions: method({
    role: 'viewer',
    summary: 'Decisions, newest first, optionally for one release.',
    input: z.object({ releaseId: Id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(Decision),
  }),
  getMetricSeries: method({
    role: 'viewer',
    summary: 'Canary and baseline over time for each metric of a release, all segments combined.',
    input: z
      .object({
        releaseId: Id,
        metrics: z.array(MetricName).min(1).optional(),
        sinceMs: z.number().int().min(0).optional(),
      })
      .strict(),
    output: z.array(MetricSeries),
  }),
  listEvents: method({
    role: 'viewer',
    summary: 'The append-only event log, newest first; query matches kind, subject, actor or payload.',
    input: z
      .object({
        limit: z.number().int().min(1).max(1000).default(100),
        beforeSeq: z.number().int().min(1).optional(),
        query: z.string().max(200).optional(),
      })
      .strict(),
    output: z.array(LoggedEvent),
  }),
  verifyEventLog: method({
    role: 'viewer',
    summary: 'Walks the hash chain of the event log and reports the first altered entry.',
    input: z.object({}).strict(),
    output: ChainReport,
  }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const methodNames = Object.keys(contract) as MethodName[];

/** What a caller sends (defaults may be left out). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/** The client both hosts hand to the renderer: one function per method, and one subscription. */
export type StagegateClient = {
  [M in MethodName]: (input: Input<M>) => Promise<Result<Output<M>>>;
} & {
  subscribe(listener: (event: PushEvent) => void): () => void;
};

/** The name of the single global the preload exposes. */
export const CLIENT_GLOBAL = 'stagegate';
/** IPC channel names, shared by main and preload so they cannot drift. */
export const IPC_INVOKE_PREFIX = 'stagegate:';
export const IPC_PUSH_CHANNEL = 'stagegate:push';
