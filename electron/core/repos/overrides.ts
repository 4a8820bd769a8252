import { randomUUID } from 'node:crypto';
import type { GateOverride, OverrideReason } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';

interface Row {
  id: string;
  release_id: string;
  stage_idx: number;
  gate_id: string;
  reason_code: OverrideReason;
  decision_id: string;
  expires_at: number;
  created_at: number;
}

export function insertOverride(db: Db, o: Omit<GateOverride, 'id'>): GateOverride {
  const stored = { ...o, id: randomUUID() };
  statement(db,
    'INSERT INTO gate_overrides (id, release_id, stage_idx, gate_id, reason_code, decision_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(stored.id, o.releaseId, o.stageIndex, o.gateId, o.reasonCode, o.decisionId, o.expiresAt, o.createdAt);
  return stored;
}

export function activeOverrides(db: Db, releaseId: string, stageIndex: number, now: number): GateOverride[] {
  return (
    statement(db, 'SELECT * FROM gate_overrides WHERE release_id = ? AND stage_idx = ? AND expires_at > ? ORDER BY created_at').all(releaseId, stageIndex, now) as Row[]
  ).map((r) => ({
    id: r.id,
    releaseId: r.release_id,
    stageIndex: r.stage_idx,
    gateId: r.gate_id,
    reasonCode: r.reason_code,
    decisionId: r.decision_id,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  }));
}
