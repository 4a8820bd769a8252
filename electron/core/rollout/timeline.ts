import { ACTION_WORDS, currentRun, OVERRIDE_REASON_WORDS, STATUS_WORDS, trainRun, wordsFor, type TimelineEntry } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { flagKeysOfRelease } from '../repos/flags.ts';
import { getStages } from '../repos/releases.ts';
import { checksOf, getTrain } from '../repos/trains.ts';

interface EventRow {
  at: number;
  kind: string;
  subject: string | null;
  actor: string;
  payload: string;
}

type P = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const stateText = (s: unknown): string => {
  const st = s as { mode?: string; pct?: number } | undefined;
  return st?.mode === 'percentage' ? `${st.pct}%` : str(st?.mode);
};

/** Turns one logged event into a line of the timeline, or nothing for kinds that do not belong on it. */
function entryOf(e: EventRow, releaseOf: (subject: string | null) => string | null): TimelineEntry | null {
  const p = JSON.parse(e.payload) as P;
  const base = { at: e.at, actor: e.actor, releaseId: releaseOf(e.subject), planned: false };
  if (e.kind === 'release.created') return { ...base, kind: 'release', title: `Release created: ${str(p.name)}`, detail: `plan ${str(p.plan)}` };
  if (e.kind === 'plan.updated') return { ...base, kind: 'release', title: 'Plan updated', detail: `${str(p.plan)}, ${str(p.stages)} stages` };
  if (e.kind === 'decision.recorded') {
    const override = p.override as { reasonCode?: string } | undefined;
    return {
      ...base,
      kind: 'decision',
      title: `${e.actor === 'guard' ? 'Guard' : e.actor}: ${wordsFor(ACTION_WORDS, p.action)} (${wordsFor(STATUS_WORDS, p.from)} → ${wordsFor(STATUS_WORDS, p.to)})`,
      detail: `${str(p.reason)}${override ? ` — override: ${wordsFor(OVERRIDE_REASON_WORDS, override.reasonCode)}` : ''}`,
    };
  }
  if (e.kind === 'approval.requested') {
    return { ...base, kind: 'approval', title: `Stage ${p.stage ? str(p.stage) : Number(p.stageIndex) + 1} ready: waiting for approval`, detail: str(p.why) };
  }
  if (e.kind === 'simulator.fault_injected') {
    const seg = p.segment as { region?: string; device?: string; tenant?: string };
    const where = [seg.region, seg.device, seg.tenant].filter(Boolean).join(' / ') || 'all segments';
    return { ...base, kind: 'fault', title: `Simulated fault: ${str(p.metric)} × ${str(p.factor)} in ${where}`, detail: `from ${new Date(Number(p.startsAt)).toISOString()}` };
  }
  if (e.kind === 'simulator.faults_cleared') return { ...base, kind: 'fault', title: 'Simulated faults ended', detail: `${str(p.count)} fault(s)` };
  if (e.kind === 'flag.state_changed') {
    return { ...base, kind: 'flag', title: `Flag ${e.subject}: ${str(p.environment)} ${stateText(p.from)} → ${stateText(p.to)}`, detail: str(p.reason) };
  }
  if (e.kind === 'flag.created' || e.kind === 'flag.updated') return { ...base, kind: 'flag', title: `Flag ${e.subject} ${e.kind === 'flag.created' ? 'created' : 'updated'}`, detail: str(p.description) };
  if (e.kind.startsWith('train.')) {
    const what = e.kind.slice('train.'.length).replace('_', ' ');
    return { ...base, kind: 'train', title: `Train ${what}${p.item ? `: ${str(p.item)}` : ''}`, detail: p.phase ? `${str(p.phase)}, run ${Number(p.run) + 1}` : str(p.name) };
  }
  return null;
}

function eventsOf(db: Db, subjects: readonly string[]): EventRow[] {
  if (subjects.length === 0) return [];
  return db.prepare(`SELECT at, kind, subject, actor, payload FROM events WHERE subject IN (${subjects.map(() => '?').join(',')}) ORDER BY seq`).all(...subjects) as EventRow[];
}

function stageEntries(db: Db, releaseId: string): TimelineEntry[] {
  return getStages(db, releaseId)
    .filter((s) => s.startedAt !== null)
    .map((s) => ({ at: s.startedAt!, kind: 'stage', title: `Stage ${s.label} started (${s.exposurePct}%)`, detail: `${s.gates.length} gate(s), ${s.promotion} promotion`, actor: null, releaseId, planned: false }));
}

const sorted = (entries: TimelineEntry[], limit: number): TimelineEntry[] => entries.sort((a, b) => a.at - b.at).slice(-limit);

export function releaseTimeline(db: Db, releaseId: string, limit: number): TimelineEntry[] {
  const flags = flagKeysOfRelease(db, releaseId);
  const entries = eventsOf(db, [releaseId, ...flags])
    .map((e) => entryOf(e, (subject) => (subject === releaseId ? releaseId : null)))
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
    .map((e) => entryOf(e, (subject) => (subject && inRelease.has(subject) ? subject : null)))
    .filter((e): e is TimelineEntry => e !== null);
  const run = currentRun(stored.train, now);
  const checks = checksOf(db, trainId);
  const phases = [run, run + 1].flatMap((r) =>
    trainRun(stored.train, r, now, checks).phases.map((p) => ({
      at: p.startsAt,
      kind: 'phase' as const,
      title: `${stored.train.name} #${r + 1}: ${p.label}`,
      detail: `owner ${p.owner}${p.overdue ? ' — overdue' : ''}`,
      actor: null,
      releaseId: null,
      planned: p.startsAt > now,
    })),
  );
  return sorted([...entries, ...phases, ...releaseIds.flatMap((id) => stageEntries(db, id))], limit);
}
