// What each kind of logged event carries: one schema per kind, and the union of them that the log
// reads and writes. A payload written without its kind's fields does not compile, and one read
// back is typed by its kind, so no reader probes keys.
//
// Each payload carries `v`, its kind's own payload version, so one kind's shape can change without
// touching the others; `v` and not `version`, which flag, train and connection payloads use for the
// record's edit count. Payloads written before versions (no `v`) are version 1 (eventPayloadsV1.ts).
import { z } from 'zod';
import { ConnectionKind, SecretField } from './connections.ts';
import { Fault } from './faults.ts';
import { Environment, FlagExpiry, FlagState, FlagType } from './flags.ts';
import { PreflightCheckId, PreflightOutcome } from './preflight.ts';
import { DecisionVerdict, ReleaseStatus, TargetKind } from './release.ts';
import { Role } from './role.ts';
import { Action } from './stage.ts';
import { PhaseName, TrainFieldName } from './trains.ts';
import { SourceKind } from '../sources/kind.ts';
import { OverrideReasonCode } from '../rollout/guardRules.ts';

const V1 = z.literal(1);
const V2 = z.literal(2);
const Int = z.number().int();

export const ReleaseCreatedPayload = z.strictObject({
  v: V2,
  name: z.string(),
  target: TargetKind,
  /** Null in events of the first builds' demo seed, which did not name the plan. */
  plan: z.string().nullable(),
  trainId: z.string().nullable(),
  trainRun: Int.nullable(),
  /** Null in events from before releases were bound to a source. */
  source: SourceKind.nullable(),
  connectionId: z.string().nullable(),
  /** Made by the demo workspace's seed. */
  demo: z.boolean(),
});

export const DecisionRecordedPayload = z.strictObject({
  v: V2,
  decisionId: z.string(),
  action: Action,
  reason: z.string(),
  from: ReleaseStatus,
  to: ReleaseStatus,
  stageIndex: Int,
  /** Null in events of the skeleton build, which did not record it. */
  verdict: DecisionVerdict.nullable(),
  /** A resume's chosen fraction and what the target ran at before; null for every other decision. */
  exposurePct: z.number().nullable(),
  exposureFrom: z.number().nullable(),
  /** Failing gates gone past, with the reason code; null when none were. */
  override: z.object({ reasonCode: OverrideReasonCode, gates: z.array(z.string()), expiresAt: Int }).nullable(),
  /** A start's pre-flight in brief; null for every other decision. */
  preflight: z
    .object({ outcome: PreflightOutcome, monitor: z.string().nullable(), overridden: z.array(PreflightCheckId), overrideReason: z.string().nullable() })
    .nullable(),
});

export const ApprovalRequestedPayload = z.strictObject({
  v: V2,
  stageIndex: Int,
  /** The stage's label; null in events from before the guard named it. */
  stage: z.string().nullable(),
  why: z.string(),
});

export const PlanUpdatedPayload = z.strictObject({
  v: V2,
  plan: z.string(),
  stages: Int,
  /** Stages from this index on were replaced; the ones before had run. */
  editedFrom: Int,
});

/** What describes a flag, as a flag's events record it (the key is the event's subject); the version 1 readers read the same fields. */
export const flagMeta = {
  description: z.string(),
  owner: z.string(),
  type: FlagType,
  expiry: FlagExpiry,
  cleanup: z.string(),
  linkedReleases: z.array(z.string()),
};

export const FlagCreatedPayload = z.strictObject({
  v: V2,
  description: flagMeta.description,
  // Null in flag.created events of the demo seed before versions, which recorded only the description.
  owner: flagMeta.owner.nullable(),
  type: flagMeta.type.nullable(),
  expiry: flagMeta.expiry.nullable(),
  cleanup: flagMeta.cleanup.nullable(),
  linkedReleases: flagMeta.linkedReleases.nullable(),
  version: V1,
});

export const FlagUpdatedPayload = z.strictObject({
  v: V2,
  ...flagMeta,
  /** The fields the edit replaced, with their values before; null in events from before edits kept them. */
  from: z.object(flagMeta).partial().nullable(),
  /** The version the edit made; null in events from before flags counted edits. */
  version: Int.nullable(),
});

export const FlagStateChangedPayload = z.strictObject({
  v: V2,
  environment: Environment,
  from: FlagState,
  to: FlagState,
  reason: z.string(),
  linkedReleases: z.array(z.string()),
});

export const TrainCreatedPayload = z.strictObject({ v: V2, name: z.string(), cadenceDays: Int, target: TargetKind, version: V1 });

export const TrainUpdatedPayload = z.strictObject({
  v: V2,
  name: z.string(),
  cadenceDays: Int,
  target: TargetKind,
  /** The fields the edit changed and the version it made; null in events from before trains counted edits. */
  changed: z.array(TrainFieldName).nullable(),
  version: Int.nullable(),
  /** Ticks dropped with checklist items taken off (0 for none). */
  droppedChecks: Int.min(0),
});

export const TrainItemPayload = z.strictObject({ v: V2, run: Int.min(0), phase: PhaseName, item: z.string() });

export const FaultInjectedPayload = z.strictObject({ v: V2, ...Fault.shape });

export const FaultsClearedPayload = z.strictObject({ v: V2, count: Int.min(0) });

export const SourceChangedPayload = z.strictObject({ v: V2, from: SourceKind, to: SourceKind });

export const ConnectionSavedPayload = z.strictObject({
  v: V2,
  created: z.boolean(),
  name: z.string(),
  kind: ConnectionKind,
  version: Int,
  /** Field names only ('baseUrl', 'secrets.token'), never a value. */
  changed: z.array(z.string()),
});

export const SecretSetPayload = z.strictObject({ v: V2, field: SecretField, version: Int });

export const SecretClearedPayload = z.strictObject({ v: V2, field: SecretField, version: Int, reason: z.string().nullable() });

export const ConnectionRemovedPayload = z.strictObject({ v: V2, name: z.string(), kind: ConnectionKind, version: Int });

/** A token made or revoked: which one, for whom, never the token itself (strict: a `token` field is refused). */
export const TokenPayload = z.strictObject({ v: V1, tokenId: z.string().min(1).max(64), role: Role, label: z.string().max(200) });

const body = <K extends string, P extends z.ZodType>(kind: K, payload: P) => z.object({ kind: z.literal(kind), payload });

/** Every kind this build writes or knows, with its payload. */
export const KnownEventBody = z.discriminatedUnion('kind', [
  body('release.created', ReleaseCreatedPayload),
  body('decision.recorded', DecisionRecordedPayload),
  body('approval.requested', ApprovalRequestedPayload),
  body('plan.updated', PlanUpdatedPayload),
  body('flag.created', FlagCreatedPayload),
  body('flag.updated', FlagUpdatedPayload),
  body('flag.state_changed', FlagStateChangedPayload),
  body('train.created', TrainCreatedPayload),
  body('train.updated', TrainUpdatedPayload),
  body('train.item_checked', TrainItemPayload),
  body('train.item_unchecked', TrainItemPayload),
  body('simulator.fault_injected', FaultInjectedPayload),
  body('simulator.faults_cleared', FaultsClearedPayload),
  body('release.source_changed', SourceChangedPayload),
  body('connection.saved', ConnectionSavedPayload),
  body('connection.secret_set', SecretSetPayload),
  body('connection.secret_cleared', SecretClearedPayload),
  body('connection.removed', ConnectionRemovedPayload),
  body('token.created', TokenPayload),
  body('token.revoked', TokenPayload),
]);
export type KnownEventBody = z.infer<typeof KnownEventBody>;
export type EventKind = KnownEventBody['kind'];
export type EventPayload<K extends EventKind> = Extract<KnownEventBody, { kind: K }>['payload'];

/** The payload version each kind writes now; also the list of every kind there is. */
export const PAYLOAD_VERSIONS: { readonly [K in EventKind]: EventPayload<K>['v'] } = {
  'release.created': 2,
  'decision.recorded': 2,
  'approval.requested': 2,
  'plan.updated': 2,
  'flag.created': 2,
  'flag.updated': 2,
  'flag.state_changed': 2,
  'train.created': 2,
  'train.updated': 2,
  'train.item_checked': 2,
  'train.item_unchecked': 2,
  'simulator.fault_injected': 2,
  'simulator.faults_cleared': 2,
  'release.source_changed': 2,
  'connection.saved': 2,
  'connection.secret_set': 2,
  'connection.secret_cleared': 2,
  'connection.removed': 2,
  'token.created': 1,
  'token.revoked': 1,
};

export const EVENT_KINDS = Object.keys(PAYLOAD_VERSIONS) as EventKind[];

export const isEventKind = (kind: string): kind is EventKind => Object.hasOwn(PAYLOAD_VERSIONS, kind);
