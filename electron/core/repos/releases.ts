import type { Release, ReleaseSummary, Stage, Transition } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';

interface ReleaseRow {
  id: string;
  name: string;
  app: string;
  version: string;
  target: Release['target'];
  status: Release['status'];
  stage_index: number;
  paused_ms_total: number;
  paused_at: number | null;
  created_at: number;
  updated_at: number;
  train_id: string | null;
  train_run: number | null;
  plan_name: string;
  approval_requested_at: number | null;
  source: Release['source'];
  connection_id: string | null;
  baseline_version: string | null;
  chosen_exposure_pct: number | null;
}

interface StageRow {
  idx: number;
  label: string;
  exposure_pct: number;
  min_soak_s: number;
  min_samples: number;
  promotion: Stage['promotion'];
  on_failure: Stage['onFailure'];
  gates: string;
  started_at: number | null;
}

const toRelease = (r: ReleaseRow): Release => ({
  id: r.id,
  name: r.name,
  app: r.app,
  version: r.version,
  target: r.target,
  status: r.status,
  stageIndex: r.stage_index,
  pausedMsTotal: r.paused_ms_total,
  pausedAt: r.paused_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  trainId: r.train_id,
  trainRun: r.train_run,
  planName: r.plan_name,
  approvalRequestedAt: r.approval_requested_at,
  source: r.source,
  connectionId: r.connection_id,
  baselineVersion: r.baseline_version,
  chosenExposurePct: r.chosen_exposure_pct,
});

const toStage = (r: StageRow): Stage => ({
  index: r.idx,
  label: r.label,
  exposurePct: r.exposure_pct,
  minSoakSeconds: r.min_soak_s,
  minSamples: r.min_samples,
  promotion: r.promotion,
  onFailure: r.on_failure,
  gates: JSON.parse(r.gates) as Stage['gates'],
  startedAt: r.started_at,
});

export type NewStage = Omit<Stage, 'index' | 'startedAt'>;

export function insertRelease(db: Db, release: Release, stages: NewStage[]): void {
  statement(db, 
    `INSERT INTO releases (id, name, app, version, target, status, stage_index, paused_ms_total, paused_at, created_at, updated_at,
       train_id, train_run, plan_name, approval_requested_at, source, connection_id, baseline_version, chosen_exposure_pct)
     VALUES (@id, @name, @app, @version, @target, @status, @stageIndex, @pausedMsTotal, @pausedAt, @createdAt, @updatedAt,
       @trainId, @trainRun, @planName, @approvalRequestedAt, @source, @connectionId, @baselineVersion, @chosenExposurePct)`,
  ).run(release);
  const insert = statement(db, 
    `INSERT INTO stages (release_id, idx, label, exposure_pct, min_soak_s, min_samples, promotion, on_failure, gates, started_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  stages.forEach((s, i) => {
    const started = release.status !== 'planned' && i <= release.stageIndex ? release.createdAt : null;
    insert.run(release.id, i, s.label, s.exposurePct, s.minSoakSeconds, s.minSamples, s.promotion, s.onFailure, JSON.stringify(s.gates), started);
  });
}

export function getRelease(db: Db, id: string): Release | null {
  const row = statement(db, 'SELECT * FROM releases WHERE id = ?').get(id) as ReleaseRow | undefined;
  return row ? toRelease(row) : null;
}

export function getStages(db: Db, releaseId: string): Stage[] {
  return (statement(db, 'SELECT * FROM stages WHERE release_id = ? ORDER BY idx').all(releaseId) as StageRow[]).map(toStage);
}

export function summarize(release: Release, stages: Stage[]): ReleaseSummary {
  const stage = stages[release.stageIndex];
  const live = release.status === 'rolling' || release.status === 'paused' || release.status === 'halted';
  const exposurePct = release.status === 'completed' ? 100 : live && stage ? (release.chosenExposurePct ?? stage.exposurePct) : 0;
  return { ...release, exposurePct, stageCount: stages.length, stageLabel: stage?.label ?? '' };
}

export function listReleases(db: Db, status?: Release['status']): ReleaseSummary[] {
  const rows = (
    status
      ? statement(db, 'SELECT * FROM releases WHERE status = ? ORDER BY created_at DESC').all(status)
      : statement(db, 'SELECT * FROM releases ORDER BY created_at DESC').all()
  ) as ReleaseRow[];
  return rows.map((r) => {
    const release = toRelease(r);
    return summarize(release, getStages(db, release.id));
  });
}

/** The ids of the releases in a status, newest first, without their stages (the guard asks at every look). */
export function releaseIdsIn(db: Db, status: Release['status']): string[] {
  return (statement(db, 'SELECT id FROM releases WHERE status = ? ORDER BY created_at DESC', true).all(status) as [string][]).map((r) => r[0]);
}

export function applyTransition(db: Db, id: string, t: Transition, now: number): void {
  statement(
    db,
    'UPDATE releases SET status = ?, stage_index = ?, paused_ms_total = ?, paused_at = ?, chosen_exposure_pct = ?, updated_at = ?, approval_requested_at = NULL WHERE id = ?',
  ).run(t.status, t.stageIndex, t.pausedMsTotal, t.pausedAt, t.chosenExposurePct, now, id);
  statement(db, 'UPDATE stages SET started_at = COALESCE(started_at, ?) WHERE release_id = ? AND idx = ?').run(now, id, t.stageIndex);
}

export function markApprovalRequested(db: Db, id: string, at: number): void {
  statement(db, 'UPDATE releases SET approval_requested_at = ? WHERE id = ?').run(at, id);
}

/** Replaces the stages that have not started yet; the ones already run are history and stay. */
export function replacePendingStages(db: Db, releaseId: string, fromIndex: number, stages: NewStage[], planName: string): void {
  statement(db, 'DELETE FROM stages WHERE release_id = ? AND idx >= ?').run(releaseId, fromIndex);
  const insert = statement(db, 
    `INSERT INTO stages (release_id, idx, label, exposure_pct, min_soak_s, min_samples, promotion, on_failure, gates, started_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  stages.forEach((s, i) => {
    insert.run(releaseId, fromIndex + i, s.label, s.exposurePct, s.minSoakSeconds, s.minSamples, s.promotion, s.onFailure, JSON.stringify(s.gates));
  });
  statement(db, 'UPDATE releases SET plan_name = ? WHERE id = ?').run(planName, releaseId);
}
