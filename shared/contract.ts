import { z } from 'zod';
import { ChainReport, LoggedEvent, type PushEvent } from './domain/events.ts';
import { MetricName, MetricSeries, SegmentSeries } from './domain/metrics.ts';
import { Fault, FaultRequest, ReleaseSegments } from './domain/faults.ts';
import { IngestInput, IngestOutput } from './domain/ingest.ts';
import { Environment, Flag, FlagExpiry, FlagKey, FlagState, FlagType } from './domain/flags.ts';
import { Action, Decision, Id, ReleaseDetail, ReleaseListItem, ReleaseStatus, TargetKind } from './domain/release.ts';
import { PhaseName, SaveTrainInput, TrainVersion } from './domain/trains.ts';
import { GateStatus, OverrideReasonCode, PlanView, TimelineEntry, TrainView } from './domain/views.ts';
import { PlanReadiness } from './domain/readiness.ts';
import { Preflight, PreflightOverride } from './domain/preflight.ts';
import { ConnectionTest, ConnectionView, RemoveConnectionInput, SaveConnectionInput, TestConnectionInput } from './domain/connections.ts';
import { Reason } from './domain/reason.ts';
import { Role } from './domain/role.ts';
import { CreatedToken, CreateTokenInput, RevokeTokenInput, TokenInfo } from './domain/tokens.ts';
import { Plan } from './plans/plan.ts';
import { MetricMapping } from './sources/mapping.ts';
import { MappingPreview } from './sources/preview.ts';
import type { Result } from './result.ts';

export { Role } from './domain/role.ts';

/** Which host of the data folder runs the guard, the simulator and compaction; owner null while none holds the lease. */
export const LeaseInfo = z.object({
  owner: z.string().nullable(),
  /** This host is the owner. */
  here: z.boolean(),
  expiresAt: z.number().int().nullable(),
});
export type LeaseInfo = z.infer<typeof LeaseInfo>;

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  role: Role;
  summary: string;
  input: I;
  output: O;
}

const method = <I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> => def;

/** A person's name as a train's rotation holds it. */
const Monitor = z.string().trim().min(1, 'name someone').max(80, 'keep the name under 80 characters');

/**
 * The one map every host registers and every client is typed from.
 * Adding a capability is: a schema here, a handler in electron/core, UI in renderer.
 */
export const contract = {
  getInfo: method({
    role: 'viewer',
    summary: 'Version, data location (operators only), the caller, the state of the event log and which host runs the guard and simulator.',
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      /** Where the log lives on the host's disk: for operators only, null for a viewer. */
      dataDir: z.string().nullable(),
      actor: z.string(),
      role: Role,
      eventLog: ChainReport,
      lease: LeaseInfo,
    }),
  }),
  listReleases: method({
    role: 'viewer',
    summary: 'Every release with its current stage and exposure.',
    input: z.object({ status: ReleaseStatus.optional() }).strict(),
    output: z.array(ReleaseListItem),
  }),
  getRelease: method({
    role: 'viewer',
    summary: 'One release with its plan, recent decisions and the actions allowed now.',
    input: z.object({ releaseId: Id }).strict(),
    output: ReleaseDetail,
  }),
  decide: method({
    role: 'operator',
    summary:
      'Start, promote, pause, resume, halt, roll back or complete a release, with a reason; going on against failing gates needs an override, a start whose pre-flight fails a check needs a preflightOverride, and a halted Google Play rollout resumes at exposurePct when given (above 0, below the next stage).',
    input: z
      .object({
        releaseId: Id,
        action: Action,
        reason: Reason,
        /** Resume only, Google Play only: the fraction of users to resume at, in percent. */
        exposurePct: z.number().gt(0, 'resume at more than 0 %').lt(100, 'to release to everyone, complete the release').optional(),
        override: z
          .object({ reasonCode: OverrideReasonCode, expiresInMinutes: z.number().int().min(5).max(7 * 24 * 60) })
          .strict()
          .optional(),
        /** For a start: who watches the rollout (a train's rotation names someone; a name here wins over it). */
        monitor: Monitor.optional(),
        /** Start although the pre-flight fails a check; the reason is kept in the decision's evidence. */
        preflightOverride: PreflightOverride.optional(),
      })
      .strict()
      .refine((i) => i.preflightOverride === undefined || i.action === 'start', { path: ['preflightOverride'], message: 'only a start runs the pre-flight' })
      .refine((i) => i.monitor === undefined || i.action === 'start', { path: ['monitor'], message: 'who watches is named when the rollout starts' }),
    output: ReleaseDetail,
  }),
  listDecisions: method({
    role: 'viewer',
    summary: 'Decisions, newest first, filtered by release, actor, action and gate verdict.',
    input: z
      .object({
        releaseId: Id.optional(),
        actor: z.string().max(120).optional(),
        action: Action.optional(),
        verdict: z.enum(['pass', 'fail', 'inconclusive', 'no_data', 'none']).optional(),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.array(Decision),
  }),
  getGateStatus: method({
    role: 'viewer',
    summary: "The current stage's gates judged now, the overrides in force and what the guard will do next.",
    input: z.object({ releaseId: Id }).strict(),
    output: GateStatus.nullable(),
  }),
  createRelease: method({
    role: 'operator',
    summary: 'A new release following a plan (the target’s default plan when none is given); it starts planned.',
    input: z
      .object({ name: z.string().trim().min(1).max(120), app: z.string().trim().min(1).max(120), version: z.string().trim().min(1).max(40), target: TargetKind, plan: Plan.optional(), baselineVersion: z.string().trim().min(1).max(40).optional() })
      .strict(),
    output: ReleaseDetail,
  }),
  getPlan: method({
    role: 'viewer',
    summary: 'The plan a release follows, as data and as YAML.',
    input: z.object({ releaseId: Id }).strict(),
    output: PlanView,
  }),
  updatePlan: method({
    role: 'operator',
    summary: 'Replaces the stages not started yet, from a plan given as data or as YAML (errors name line and field).',
    input: z
      .object({ releaseId: Id, plan: Plan.optional(), yaml: z.string().max(200_000).optional() })
      .strict()
      .refine((i) => (i.plan === undefined) !== (i.yaml === undefined), 'give either plan or yaml'),
    output: PlanView,
  }),
  getPlanReadiness: method({
    role: 'viewer',
    summary: 'Per stage and gate, how long a healthy canary needs to pass at the traffic of the last hour, against the stage’s soak; and which pushed rate samples look like windows that overlap.',
    input: z.object({ releaseId: Id }).strict(),
    output: PlanReadiness,
  }),
  listTrains: method({
    role: 'viewer',
    summary: 'Every release train with its current and next run laid out in time.',
    input: z.object({}).strict(),
    output: z.array(TrainView),
  }),
  saveTrain: method({
    role: 'operator',
    summary:
      'Creates a release train (a taken id is a conflict), or, given the baseVersion it was read at, edits one (a train changed since is a conflict): cadence, phases with owners and checklists, rotation, plan.',
    input: SaveTrainInput,
    output: TrainView,
  }),
  checkTrainItem: method({
    role: 'operator',
    summary: 'Ticks or unticks a checklist item of a phase in a train run.',
    input: z.object({ trainId: z.string().min(1).max(64), run: z.number().int().min(0), phase: PhaseName, item: z.string().min(1).max(120), checked: z.boolean() }).strict(),
    output: TrainView,
  }),
  cutRelease: method({
    role: 'operator',
    summary: "Cuts a release from a train's run, with the train's plan; a version the train has cut already is a conflict.",
    input: z.object({ trainId: z.string().min(1).max(64), version: TrainVersion, run: z.number().int().min(0).optional() }).strict(),
    output: ReleaseDetail,
  }),
  listFlags: method({
    role: 'viewer',
    summary: 'The flag registry, with expiry, staleness and state per environment.',
    input: z.object({}).strict(),
    output: z.array(Flag),
  }),
  saveFlag: method({
    role: 'operator',
    summary:
      'Creates a flag (dark everywhere; a taken key is a conflict), or, given the baseVersion it was read at, edits its description, owner, type, expiry, cleanup plan and linked releases (a flag changed since is a conflict).',
    input: z
      .object({
        key: FlagKey,
        description: z.string().trim().min(1).max(500),
        owner: z.string().trim().min(1).max(120),
        type: FlagType,
        expiry: FlagExpiry.default({ kind: 'none' }),
        cleanup: z.string().trim().max(500).default(''),
        linkedReleases: z.array(Id).max(50).default([]),
        /** Absent: a new flag. Present: the `version` of the flag this edit was made on. */
        baseVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    output: Flag,
  }),
  setFlagState: method({
    role: 'operator',
    summary: 'Turns a flag off, on, or to a percentage in one environment.',
    input: z.object({ key: FlagKey, environment: Environment, state: FlagState, reason: Reason }).strict(),
    output: Flag,
  }),
  ingestSamples: method({
    role: 'operator',
    summary: 'Stores canary and baseline samples (up to 50,000 per call; a missing value is null or "NaN"); a row for a series and time already stored replaces it. The guard then looks at each release, judging a time once every cohort and gate metric still reporting has sent it; `late` counts rows for times it had already judged.',
    input: IngestInput,
    output: IngestOutput,
  }),
  injectFault: method({
    role: 'operator',
    summary: "Makes the built-in simulator degrade a canary metric, in one segment or all, from a time and for a while.",
    input: FaultRequest,
    output: Fault,
  }),
  listFaults: method({
    role: 'viewer',
    summary: 'Simulator faults of a release, past and planned.',
    input: z.object({ releaseId: Id }).strict(),
    output: z.array(Fault),
  }),
  clearFaults: method({
    role: 'operator',
    summary: "Ends a release's simulator faults now.",
    input: z.object({ releaseId: Id }).strict(),
    output: z.object({ ended: z.number().int() }),
  }),
  getTimeline: method({
    role: 'viewer',
    summary: 'One timeline of a release or a train: stages, decisions, approvals, flag changes, faults and phases, in time order.',
    input: z
      .object({ releaseId: Id.optional(), trainId: z.string().min(1).max(64).optional(), limit: z.number().int().min(1).max(2000).default(500) })
      .strict()
      .refine((i) => (i.releaseId === undefined) !== (i.trainId === undefined), 'give either releaseId or trainId'),
    output: z.array(TimelineEntry),
  }),
  getMetricSeries: method({
    role: 'viewer',
    summary: 'Canary and baseline over time for each metric of a release, all segments combined, thinned to maxPoints per line.',
    input: z
      .object({
        releaseId: Id,
        metrics: z.array(MetricName).min(1).max(MetricName.options.length, `at most ${MetricName.options.length} metrics`).optional(),
        sinceMs: z.number().int().min(0).optional(),
        untilMs: z.number().int().min(0).optional(),
        maxPoints: z.number().int().min(10).max(5000).default(1000),
      })
      .strict(),
    output: z.array(MetricSeries),
  }),
  getSegmentSeries: method({
    role: 'viewer',
    summary: 'One metric of a release per segment of a dimension (each region, say), for small multiples.',
    input: z
      .object({
        releaseId: Id,
        metric: MetricName,
        dimension: z.enum(['region', 'device', 'tenant']),
        sinceMs: z.number().int().min(0).optional(),
        maxPoints: z.number().int().min(10).max(5000).default(300),
      })
      .strict(),
    output: z.array(SegmentSeries),
  }),
  listConnections: method({
    role: 'operator',
    summary: 'Every connection to a metrics service (Prometheus, Datadog, Sentry), with which secrets are set and its last test; never a secret.',
    input: z.object({}).strict(),
    output: z.array(ConnectionView),
  }),
  saveConnection: method({
    role: 'operator',
    summary:
      'Creates a connection (no id; a taken name is a conflict), or, given its id and the expectedVersion it was read at, edits one (changed since is a conflict). A secret given as a string is set, null clears it, left out keeps it; secrets the kind does not use are dropped. Secrets are write-only.',
    input: SaveConnectionInput,
    output: ConnectionView,
  }),
  testConnection: method({
    role: 'operator',
    summary: 'Makes one real call to the service and says plainly what is wrong: a saved connection (kept as its last test), a draft of one, or one not saved yet.',
    input: TestConnectionInput,
    output: ConnectionTest,
  }),
  removeConnection: method({
    role: 'operator',
    summary: 'Removes a connection and its secrets, given the expectedVersion it was read at; refused while a release reads from it.',
    input: RemoveConnectionInput,
    output: z.object({ removed: Id }),
  }),
  previewMetrics: method({
    role: 'operator',
    summary: 'Runs a metric mapping’s queries now (the one given, or the release’s own) and shows per metric, cohort and segment what came back, or what is missing.',
    input: z.object({ releaseId: Id, mapping: MetricMapping.optional() }).strict(),
    output: MappingPreview,
  }),
  listTokens: method({
    role: 'operator',
    summary: "The web host's stored viewer and operator tokens, revoked ones too; never a token's value or hash.",
    input: z.object({}).strict(),
    output: z.array(TokenInfo),
  }),
  createToken: method({
    role: 'operator',
    summary: 'Makes a viewer or operator token for the web host. Its value is in this answer only (just a hash of it is kept); the log records who made it.',
    input: CreateTokenInput,
    output: CreatedToken,
  }),
  revokeToken: method({
    role: 'operator',
    summary: 'Revokes a stored token: the web host refuses it from the next request on. One unknown or already revoked is not_found.',
    input: RevokeTokenInput,
    output: TokenInfo,
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
  getSegmentKeys: method({
    role: 'viewer',
    summary: 'The segments of a release: per metric and dimension the keys with samples recorded, and the keys the built-in simulator plays (what a fault can target).',
    input: z.object({ releaseId: Id }).strict(),
    output: ReleaseSegments,
  }),
  getPreflight: method({
    // An operator's: it runs the release's metric queries now, on the connection's credentials and rate limits.
    role: 'operator',
    summary:
      'Runs the pre-flight a start runs, now: gates on every stage that leads on, data for both cohorts of every gate metric (the mapping’s queries are run), evidence reachable within each soak, someone named to watch, failure actions the target allows, flags shipped dark; each with its outcome, finding and fix.',
    input: z.object({ releaseId: Id, monitor: Monitor.optional() }).strict(),
    output: Preflight,
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
