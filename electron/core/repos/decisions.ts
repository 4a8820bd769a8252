import type { Decision } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';

interface DecisionRow {
  id: string;
  release_id: string;
  stage_idx: number;
  action: Decision['action'];
  actor: string;
  reason: string;
  from_status: Decision['fromStatus'];
  to_status: Decision['toStatus'];
  evidence: string;
  created_at: number;
}

const toDecision = (r: DecisionRow): Decision => ({
  id: r.id,
  releaseId: r.release_id,
  stageIndex: r.stage_idx,
  action: r.action,
  actor: r.actor,
  reason: r.reason,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  evidence: JSON.parse(r.evidence) as Record<string, unknown>,
  createdAt: r.created_at,
});

export function insertDecision(db: Db, d: Decision): void {
  db.prepare(
    `INSERT INTO decisions (id, release_id, stage_idx, action, actor, reason, from_status, to_status, evidence, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.releaseId, d.stageIndex, d.action, d.actor, d.reason, d.fromStatus, d.toStatus, JSON.stringify(d.evidence), d.createdAt);
}

export function listDecisions(db: Db, releaseId: string | undefined, limit: number): Decision[] {
  const rows = (
    releaseId
      ? db.prepare('SELECT * FROM decisions WHERE release_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(releaseId, limit)
      : db.prepare('SELECT * FROM decisions ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit)
  ) as DecisionRow[];
  return rows.map(toDecision);
}
