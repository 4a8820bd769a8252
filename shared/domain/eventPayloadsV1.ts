// Payloads as builds before payload versions wrote them (no `v`): one reader per kind, each
// upgrading to the kind's current payload. Kinds grew fields over time; what a row from before a
// field lacks becomes null (or the value it meant then). Keys no longer written are dropped.
import { z } from 'zod';
import { SecretField } from './connections.ts';
import { Fault } from './faults.ts';
import { Environment, FlagState } from './flags.ts';
import { PreflightCheckId, PreflightOutcome } from './preflight.ts';
import { DecisionVerdict, ReleaseStatus, TargetKind } from './release.ts';
import { Action } from './stage.ts';
import { PhaseName, TrainFieldName } from './trains.ts';
import { ConnectionKind } from './connections.ts';
import { SourceKind } from '../sources/kind.ts';
import { OverrideReasonCode } from '../rollout/guardRules.ts';
import { flagMeta, type EventKind, type EventPayload } from './eventPayloads.ts';

const Int = z.number().int();

/** The kinds that were written before payloads had versions. */
type V1Kind = Exclude<EventKind, 'token.created' | 'token.revoked'>;

const trainItem = z.object({ run: Int.min(0), phase: PhaseName, item: z.string() }).transform((p): EventPayload<'train.item_checked'> => ({ v: 2, ...p }));

export const V1_READERS: { readonly [K in V1Kind]: z.ZodType<EventPayload<K>> } = {
  // The demo seed wrote the stage it seeded at and no plan, train or source at first.
  'release.created': z
    .object({
      name: z.string(),
      target: TargetKind,
      plan: z.string().optional(),
      trainId: z.string().nullable().optional(),
      trainRun: Int.nullable().optional(),
      source: SourceKind.optional(),
      connectionId: z.string().nullable().optional(),
      demo: z.boolean().optional(),
    })
    .transform((p) => ({
      v: 2 as const,
      name: p.name,
      target: p.target,
      plan: p.plan ?? null,
      trainId: p.trainId ?? null,
      trainRun: p.trainRun ?? null,
      source: p.source ?? null,
      connectionId: p.connectionId ?? null,
      demo: p.demo ?? false,
    })),
  // Left out what did not apply (no resume fraction, no override, no pre-flight).
  'decision.recorded': z
    .object({
      decisionId: z.string(),
      action: Action,
      reason: z.string(),
      from: ReleaseStatus,
      to: ReleaseStatus,
      stageIndex: Int,
      verdict: DecisionVerdict.optional(),
      exposurePct: z.number().optional(),
      exposureFrom: z.number().nullable().optional(),
      override: z.object({ reasonCode: OverrideReasonCode, gates: z.array(z.string()), expiresAt: Int }).optional(),
      preflight: z.object({ outcome: PreflightOutcome, monitor: z.string().nullable(), overridden: z.array(PreflightCheckId), overrideReason: z.string().optional() }).optional(),
    })
    .transform(({ verdict, exposurePct, exposureFrom, override, preflight, ...p }) => ({
      v: 2 as const,
      ...p,
      verdict: verdict ?? null,
      exposurePct: exposurePct ?? null,
      exposureFrom: exposureFrom ?? null,
      override: override ?? null,
      preflight: preflight ? { ...preflight, overrideReason: preflight.overrideReason ?? null } : null,
    })),
  'approval.requested': z
    .object({ stageIndex: Int, stage: z.string().optional(), why: z.string() })
    .transform((p) => ({ v: 2 as const, stageIndex: p.stageIndex, stage: p.stage ?? null, why: p.why })),
  'plan.updated': z.object({ plan: z.string(), stages: Int, editedFrom: Int }).transform((p) => ({ v: 2 as const, ...p })),
  // The demo seed recorded only the description; a created flag is always at version 1.
  'flag.created': z
    .object({ ...flagMeta, owner: flagMeta.owner.optional(), type: flagMeta.type.optional(), expiry: flagMeta.expiry.optional(), cleanup: flagMeta.cleanup.optional(), linkedReleases: flagMeta.linkedReleases.optional() })
    .transform((p) => ({
      v: 2 as const,
      description: p.description,
      owner: p.owner ?? null,
      type: p.type ?? null,
      expiry: p.expiry ?? null,
      cleanup: p.cleanup ?? null,
      linkedReleases: p.linkedReleases ?? null,
      version: 1 as const,
    })),
  'flag.updated': z
    .object({ ...flagMeta, from: z.object(flagMeta).partial().optional(), version: Int.optional() })
    .transform(({ from, version, ...meta }) => ({ v: 2 as const, ...meta, from: from ?? null, version: version ?? null })),
  'flag.state_changed': z
    .object({ environment: Environment, from: FlagState, to: FlagState, reason: z.string(), linkedReleases: z.array(z.string()) })
    .transform((p) => ({ v: 2 as const, ...p })),
  // A created train is always at version 1 (the demo seed and the first builds did not say so).
  'train.created': z
    .object({ name: z.string(), cadenceDays: Int, target: TargetKind })
    .transform((p) => ({ v: 2 as const, ...p, version: 1 as const })),
  // Checks were dropped only when there were some, and said so only then.
  'train.updated': z
    .object({ name: z.string(), cadenceDays: Int, target: TargetKind, changed: z.array(TrainFieldName).optional(), version: Int.optional(), droppedChecks: Int.min(0).optional() })
    .transform((p) => ({ v: 2 as const, name: p.name, cadenceDays: p.cadenceDays, target: p.target, changed: p.changed ?? null, version: p.version ?? null, droppedChecks: p.droppedChecks ?? 0 })),
  'train.item_checked': trainItem,
  'train.item_unchecked': trainItem,
  'simulator.fault_injected': Fault.transform((p) => ({ v: 2 as const, ...p })),
  'simulator.faults_cleared': z.object({ count: Int.min(0) }).transform((p) => ({ v: 2 as const, ...p })),
  'release.source_changed': z.object({ from: SourceKind, to: SourceKind }).transform((p) => ({ v: 2 as const, ...p })),
  // Only a creation said `created: true`.
  'connection.saved': z
    .object({ created: z.literal(true).optional(), name: z.string(), kind: ConnectionKind, version: Int, changed: z.array(z.string()) })
    .transform(({ created, ...p }) => ({ v: 2 as const, created: created ?? false, ...p })),
  'connection.secret_set': z.object({ field: SecretField, version: Int }).transform((p) => ({ v: 2 as const, ...p })),
  'connection.secret_cleared': z
    .object({ field: SecretField, version: Int, reason: z.string().optional() })
    .transform((p) => ({ v: 2 as const, field: p.field, version: p.version, reason: p.reason ?? null })),
  'connection.removed': z.object({ name: z.string(), kind: ConnectionKind, version: Int }).transform((p) => ({ v: 2 as const, ...p })),
};

export const isV1Kind = (kind: EventKind): kind is V1Kind => Object.hasOwn(V1_READERS, kind);
