import { currentRun, trainRun, type LoggedEvent, type TimelineEntry } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { readEvent, type StoredEvent } from '../repos/eventLog.ts';
import { flagKeysOfRelease } from '../repos/flags.ts';
import { getStages } from '../repos/releases.ts';
import { checksOf, getTrain } from '../repos/trains.ts';

/**
 * Turns one logged event into a line of the timeline, or nothing for kinds that do not belong on it
 * (and for events this build cannot read). The screen puts the line into words.
 */
export function timelineEntryOf(e: LoggedEvent, releaseOf: (subject: string | null) => string | null): TimelineEntry | null {
  if (!e.known) return null;
  const base = { at: e.at, actor: e.actor, releaseId: releaseOf(e.subject), planned: false };
  const flag = e.subject ?? '';
  switch (e.kind) {
    case 'release.created':
      return { ...base, kind: e.kind, name: e.payload.name, plan: e.payload.plan };
    case 'plan.updated':
      return { ...base, kind: e.kind, plan: e.payload.plan, stages: e.payload.stages };
    case 'decision.recorded': {
      const { action, from, to, reason, override } = e.payload;
      return { ...base, kind: e.kind, action, from, to, reason, overrideReason: override?.reasonCode ?? null };
    }
    case 'approval.requested':
      return { ...base, kind: e.kind, stage: e.payload.stage, stageIndex: e.payload.stageIndex, why: e.payload.why };
    case 'simulator.fault_injected':
      return { ...base, kind: e.kind, metric: e.payload.metric, factor: e.payload.factor, segment: e.payload.segment, startsAt: e.payload.startsAt };
    case 'simulator.faults_cleared':
      return { ...base, kind: e.kind, count: e.payload.count };
    case 'flag.created':
    case 'flag.updated':
      return { ...base, kind: e.kind, flag, description: e.payload.description };
    case 'flag.state_changed':
      return { ...base, kind: e.kind, flag, environment: e.payload.environment, from: e.payload.from, to: e.payload.to, reason: e.payload.reason };
    case 'train.created':
    case 'train.updated':
      return { ...base, kind: e.kind, name: e.payload.name };
    case 'train.item_checked':
    case 'train.item_unchecked':
      return { ...base, kind: e.kind, item: e.payload.item, phase: e.payload.phase, run: e.payload.run };
    case 'release.source_changed':
    case 'connection.saved':
    case 'connection.secret_set':
    case 'connection.secret_cleared':
    case 'connection.removed':
    case 'token.created':
    case 'token.revoked':
      return null;
    default:
      return unreachable(e);
  }
}

/** A kind the switch above does not handle is a compile error here. */
function unreachable(e: never): never {
  throw new Error(`no timeline entry for ${JSON.stringify(e)}`);
}

function eventsOf(db: Db, subjects: readonly string[]): LoggedEvent[] {
  if (subjects.length === 0) return [];
  const rows = db
    .prepare(`SELECT seq, at, kind, subject, actor, payload, hash FROM events WHERE subject IN (${subjects.map(() => '?').join(',')}) ORDER BY seq`)
    .all(...subjects) as StoredEvent[];
  return rows.map(readEvent);
}

function stageEntries(db: Db, releaseId: string): TimelineEntry[] {
  return getStages(db, releaseId)
    .filter((s) => s.startedAt !== null)
    .map((s) => ({
      kind: 'stage.started',
      at: s.startedAt!,
      label: s.label,
      exposurePct: s.exposurePct,
      gates: s.gates.length,
      promotion: s.promotion,
      actor: null,
      releaseId,
      planned: false,
    }));
}

const sorted = (entries: TimelineEntry[], limit: number): TimelineEntry[] => entries.sort((a, b) => a.at - b.at).slice(-limit);

export function releaseTimeline(db: Db, releaseId: string, limit: number): TimelineEntry[] {
  const flags = flagKeysOfRelease(db, releaseId);
  const entries = eventsOf(db, [releaseId, ...flags])
    .map((e) => timelineEntryOf(e, (subject) => (subject === releaseId ? releaseId : null)))
    .filter((e): e is TimelineEntry => e !== null);
  return sorted([...entries, ...stageEntries(db, releaseId)], limit);
}

export function trainTimeline(db: Db, trainId: string, now: number, limit: number): TimelineEntry[] {
  const stored = getTrain(db, trainId);
  if (!stored) return [];
  const releaseIds = (db.prepare('SELECT id FROM releases WHERE train_id = ?').all(trainId) as { id: string }[]).map((r) => r.id);
  const flags = [...new Set(releaseIds.flatMap((id) => flagKeysOfRelease(db, id)))];
  const inRelease = new Set(releaseIds);
  const entries = eventsOf(db, [trainId, ...releaseIds, ...flags])
    .map((e) => timelineEntryOf(e, (subject) => (subject && inRelease.has(subject) ? subject : null)))
    .filter((e): e is TimelineEntry => e !== null);
  const run = currentRun(stored.train, now);
  const checks = checksOf(db, trainId);
  const phases = [run, run + 1].flatMap((r) =>
    trainRun(stored.train, r, now, checks).phases.map(
      (p): TimelineEntry => ({
        kind: 'train.phase',
        at: p.startsAt,
        train: stored.train.name,
        run: r,
        label: p.label,
        owner: p.owner,
        overdue: p.overdue,
        actor: null,
        releaseId: null,
        planned: p.startsAt > now,
      }),
    ),
  );
  return sorted([...entries, ...phases, ...releaseIds.flatMap((id) => stageEntries(db, id))], limit);
}
