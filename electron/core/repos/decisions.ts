import { readDecisionEvidence, type Decision, type DecisionEvidence } from '../../../shared/index.ts';
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
  verdict: Decision['verdict'];
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
  evidence: readDecisionEvidence(JSON.parse(r.evidence)),
  verdict: r.verdict,
  createdAt: r.created_at,
});

/** A decision as it is written: always with evidence of the current version. */
export type NewDecision = Decision & { evidence: DecisionEvidence };

export function insertDecision(db: Db, d: NewDecision): void {
  db.prepare(
    `INSERT INTO decisions (id, release_id, stage_idx, action, actor, reason, from_status, to_status, evidence, verdict, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.releaseId, d.stageIndex, d.action, d.actor, d.reason, d.fromStatus, d.toStatus, JSON.stringify(d.evidence), d.verdict, d.createdAt);
}

export interface DecisionFilter {
  releaseId?: string | undefined;
  actor?: string | undefined;
  action?: Decision['action'] | undefined;
  verdict?: Decision['verdict'] | undefined;
  limit: number;
}

export function listDecisions(db: Db, filter: DecisionFilter): Decision[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | undefined): void => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add('release_id = ?', filter.releaseId);
  add('actor = ?', filter.actor);
  add('action = ?', filter.action);
  add('verdict = ?', filter.verdict);
  const sql = `SELECT * FROM decisions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
  return (db.prepare(sql).all(...params, filter.limit) as DecisionRow[]).map(toDecision);
}

export function listActors(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT actor FROM decisions ORDER BY actor').all() as { actor: string }[]).map((r) => r.actor);
}

export function getDecision(db: Db, id: string): Decision | null {
  const row = db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined;
  return row ? toDecision(row) : null;
}
