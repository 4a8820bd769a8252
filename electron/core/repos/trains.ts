import type { CheckMark, PhaseName, TrainInput } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';

interface TrainRow {
  id: string;
  name: string;
  app: string;
  target: TrainInput['target'];
  cadence_days: number;
  first_kickoff: number;
  phases: string;
  rotation: string;
  plan: string;
  created_at: number;
  version: number;
}

export interface StoredTrain {
  train: TrainInput;
  createdAt: number;
  version: number;
}

const toTrain = (r: TrainRow): StoredTrain => ({
  train: {
    id: r.id,
    name: r.name,
    app: r.app,
    target: r.target,
    cadenceDays: r.cadence_days,
    firstKickoff: r.first_kickoff,
    phases: JSON.parse(r.phases) as TrainInput['phases'],
    rotation: JSON.parse(r.rotation) as string[],
    plan: JSON.parse(r.plan) as TrainInput['plan'],
  },
  createdAt: r.created_at,
  version: r.version,
});

const columns = (t: TrainInput) => ({ ...t, phases: JSON.stringify(t.phases), rotation: JSON.stringify(t.rotation), plan: JSON.stringify(t.plan) });

/** Stores a new train at version 1. */
export function insertTrain(db: Db, t: TrainInput, now: number): void {
  db.prepare(
    `INSERT INTO trains (id, name, app, target, cadence_days, first_kickoff, phases, rotation, plan, created_at)
     VALUES (@id, @name, @app, @target, @cadenceDays, @firstKickoff, @phases, @rotation, @plan, @now)`,
  ).run({ ...columns(t), now });
}

/** Replaces a train's definition; returns its new version. */
export function updateTrain(db: Db, t: TrainInput): number {
  const row = db
    .prepare(
      `UPDATE trains SET name = @name, app = @app, target = @target, cadence_days = @cadenceDays, first_kickoff = @firstKickoff,
         phases = @phases, rotation = @rotation, plan = @plan, version = version + 1
       WHERE id = @id RETURNING version`,
    )
    .get(columns(t)) as { version: number };
  return row.version;
}

export function getTrain(db: Db, id: string): StoredTrain | null {
  const row = db.prepare('SELECT * FROM trains WHERE id = ?').get(id) as TrainRow | undefined;
  return row ? toTrain(row) : null;
}

export function listTrains(db: Db): StoredTrain[] {
  return (db.prepare('SELECT * FROM trains ORDER BY name').all() as TrainRow[]).map(toTrain);
}

export function checksOf(db: Db, trainId: string): CheckMark[] {
  return db
    .prepare('SELECT run, phase, item, checked_by AS by, checked_at AS at FROM train_checks WHERE train_id = ?')
    .all(trainId) as CheckMark[];
}

export function setCheck(db: Db, trainId: string, run: number, phase: PhaseName, item: string, checked: boolean, by: string, at: number): void {
  if (checked) {
    db.prepare(
      'INSERT INTO train_checks (train_id, run, phase, item, checked_by, checked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(trainId, run, phase, item, by, at);
  } else {
    db.prepare('DELETE FROM train_checks WHERE train_id = ? AND run = ? AND phase = ? AND item = ?').run(trainId, run, phase, item);
  }
}

export function releasesOfRun(db: Db, trainId: string, run: number): string[] {
  return (db.prepare('SELECT id FROM releases WHERE train_id = ? AND train_run = ? ORDER BY created_at').all(trainId, run) as { id: string }[]).map((r) => r.id);
}

/** The release of this train with this version, if the train cut it already. */
export function versionCut(db: Db, trainId: string, version: string): { id: string; name: string; trainRun: number | null } | null {
  const row = db.prepare('SELECT id, name, train_run AS trainRun FROM releases WHERE train_id = ? AND version = ? LIMIT 1').get(trainId, version) as
    | { id: string; name: string; trainRun: number | null }
    | undefined;
  return row ?? null;
}

/** Whether anything is filed under the train's run numbers: a tick or a cut release. */
export function hasRunRecords(db: Db, trainId: string): boolean {
  const tick = db.prepare('SELECT 1 FROM train_checks WHERE train_id = ? LIMIT 1').get(trainId);
  return tick !== undefined || db.prepare('SELECT 1 FROM releases WHERE train_id = ? LIMIT 1').get(trainId) !== undefined;
}

/** Drops ticks from run `fromRun` on whose item is no longer on its phase's checklist; returns how many. */
export function dropStaleChecks(db: Db, trainId: string, fromRun: number, phases: TrainInput['phases']): number {
  const onList = new Set(phases.flatMap((p) => p.checklist.map((item) => `${p.phase}\u0000${item}`)));
  const stale = checksOf(db, trainId).filter((c) => c.run >= fromRun && !onList.has(`${c.phase}\u0000${c.item}`));
  const del = db.prepare('DELETE FROM train_checks WHERE train_id = ? AND run = ? AND phase = ? AND item = ?');
  for (const c of stale) del.run(trainId, c.run, c.phase, c.item);
  return stale.length;
}
