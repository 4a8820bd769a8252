import { randomUUID } from 'node:crypto';
import type { Fault } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { appendEvent } from './eventLog.ts';

interface FaultRow {
  id: string;
  release_id: string;
  metric: Fault['metric'];
  region: string;
  device: string;
  tenant: string;
  factor: number;
  starts_at: number;
  ends_at: number;
  created_at: number;
}

const toFault = (r: FaultRow): Fault => ({
  id: r.id,
  releaseId: r.release_id,
  metric: r.metric,
  segment: { region: r.region, device: r.device, tenant: r.tenant },
  factor: r.factor,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  createdAt: r.created_at,
});

export function insertFault(db: Db, fault: Omit<Fault, 'id'>, actor: string): Fault {
  const stored: Fault = { ...fault, id: randomUUID() };
  db.prepare(
    'INSERT INTO sim_faults (id, release_id, metric, region, device, tenant, factor, starts_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(stored.id, stored.releaseId, stored.metric, stored.segment.region, stored.segment.device, stored.segment.tenant, stored.factor, stored.startsAt, stored.endsAt, stored.createdAt);
  appendEvent(db, { kind: 'simulator.fault_injected', subject: stored.releaseId, actor, at: stored.createdAt, payload: { ...stored } });
  return stored;
}

/** Faults not yet over at `now`, per release. */
export function activeFaults(db: Db, now: number): Map<string, Fault[]> {
  const byRelease = new Map<string, Fault[]>();
  for (const row of db.prepare('SELECT * FROM sim_faults WHERE ends_at > ?').all(now) as FaultRow[]) {
    const fault = toFault(row);
    byRelease.set(fault.releaseId, [...(byRelease.get(fault.releaseId) ?? []), fault]);
  }
  return byRelease;
}

export function listFaults(db: Db, releaseId: string): Fault[] {
  return (db.prepare('SELECT * FROM sim_faults WHERE release_id = ? ORDER BY starts_at').all(releaseId) as FaultRow[]).map(toFault);
}

/** Ends the release's faults now (rather than deleting them: the log keeps what was played). */
export function endFaults(db: Db, releaseId: string, now: number, actor: string): number {
  const changed = db.prepare('UPDATE sim_faults SET ends_at = ? WHERE release_id = ? AND ends_at > ?').run(now, releaseId, now).changes;
  if (changed > 0) appendEvent(db, { kind: 'simulator.faults_cleared', subject: releaseId, actor, at: now, payload: { count: changed } });
  return changed;
}
