import { FED_STATUSES, StoredMapping, type ConnectionProblem, type MetricMapping, type MetricName, type SourceKind } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';

const parsedMappings = new Map<string, MetricMapping>();

/** A stored mapping read once per distinct text: the poller and the guard read it every cycle and look. */
function parseMapping(raw: string): MetricMapping {
  let mapping = parsedMappings.get(raw);
  if (!mapping) {
    mapping = StoredMapping.parse(JSON.parse(raw)).mapping;
    if (parsedMappings.size > 1000) parsedMappings.clear();
    parsedMappings.set(raw, mapping);
  }
  return mapping;
}

/** The plan's metric mapping a release reads through; null for the simulator and push. Shared: read it, do not change it. */
export function mappingOf(db: Db, releaseId: string): MetricMapping | null {
  const row = statement(db, 'SELECT metrics_mapping FROM releases WHERE id = ?').get(releaseId) as { metrics_mapping: string | null } | undefined;
  return row?.metrics_mapping ? parseMapping(row.metrics_mapping) : null;
}

/** What the poller needs of a live release bound to a connection. */
export interface BoundRelease {
  id: string;
  app: string;
  version: string;
  baselineVersion: string | null;
  /** When its first stage started (or it was created): the earliest time worth fetching. */
  watchedFrom: number;
  mapping: MetricMapping;
}

const FED_IN = [...FED_STATUSES].map((s) => `'${s}'`).join(', ');

/** Every live release that reads through a connection, in one query (the poller asks each few seconds). */
export function boundReleases(db: Db): BoundRelease[] {
  const rows = statement(
    db,
    `SELECT r.id, r.app, r.version, r.baseline_version, r.metrics_mapping, COALESCE(s.started_at, r.created_at) AS watched_from
       FROM releases r LEFT JOIN stages s ON s.release_id = r.id AND s.idx = 0
      WHERE r.status IN (${FED_IN}) AND r.source IN ('prometheus', 'datadog', 'sentry') AND r.metrics_mapping IS NOT NULL
      ORDER BY r.created_at, r.id`,
  ).all() as { id: string; app: string; version: string; baseline_version: string | null; metrics_mapping: string; watched_from: number }[];
  return rows.map((r) => ({ id: r.id, app: r.app, version: r.version, baselineVersion: r.baseline_version, watchedFrom: r.watched_from, mapping: parseMapping(r.metrics_mapping) }));
}

/** Binds a release to a source; a mapping binds it to its connection. */
export function setSource(db: Db, releaseId: string, source: SourceKind, mapping: MetricMapping | null, baselineVersion?: string | null): void {
  statement(db, 'UPDATE releases SET source = ?, metrics_mapping = ?, connection_id = ? WHERE id = ?').run(
    source,
    mapping ? JSON.stringify({ v: 1, mapping }) : null,
    mapping?.connection ?? null,
    releaseId,
  );
  if (baselineVersion !== undefined) statement(db, 'UPDATE releases SET baseline_version = ? WHERE id = ?').run(baselineVersion, releaseId);
}

/** What the poller knows of one release's metric: how far it has fetched without a gap, and what went wrong last. */
export interface SourceFetch {
  releaseId: string;
  metric: MetricName;
  connectionId: string;
  fetchedUntil: number | null;
  lastSampleAt: number | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  failingSince: number | null;
  lastProblem: ConnectionProblem | null;
  lastError: string | null;
}

interface FetchRow {
  release_id: string;
  metric: MetricName;
  connection_id: string;
  fetched_until: number | null;
  last_sample_at: number | null;
  last_attempt_at: number | null;
  last_success_at: number | null;
  failing_since: number | null;
  last_problem: ConnectionProblem | null;
  last_error: string | null;
}

const toFetch = (r: FetchRow): SourceFetch => ({
  releaseId: r.release_id,
  metric: r.metric,
  connectionId: r.connection_id,
  fetchedUntil: r.fetched_until,
  lastSampleAt: r.last_sample_at,
  lastAttemptAt: r.last_attempt_at,
  lastSuccessAt: r.last_success_at,
  failingSince: r.failing_since,
  lastProblem: r.last_problem,
  lastError: r.last_error,
});

export function fetchesOf(db: Db, releaseId: string): Map<MetricName, SourceFetch> {
  const rows = statement(db, 'SELECT * FROM source_fetches WHERE release_id = ?').all(releaseId) as FetchRow[];
  return new Map(rows.map((r) => [r.metric, toFetch(r)]));
}

/** A window fetched and stored: the contiguous range grows to `until`. */
export function recordFetched(db: Db, f: { releaseId: string; metric: MetricName; connectionId: string; until: number; lastSampleAt: number | null; at: number }): void {
  statement(db, 
    `INSERT INTO source_fetches (release_id, metric, connection_id, fetched_until, last_sample_at, last_attempt_at, last_success_at)
       VALUES (@releaseId, @metric, @connectionId, @until, @lastSampleAt, @at, @at)
     ON CONFLICT (release_id, metric) DO UPDATE SET
       connection_id = excluded.connection_id,
       fetched_until = MAX(COALESCE(fetched_until, 0), excluded.fetched_until),
       last_sample_at = COALESCE(MAX(last_sample_at, excluded.last_sample_at), last_sample_at, excluded.last_sample_at),
       last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
       failing_since = NULL, last_problem = NULL, last_error = NULL`,
  ).run(f);
}

/** A fetch failed: the range stays where it was, and the failure is kept for the guard's words and the screens. */
export function recordFetchFailed(db: Db, f: { releaseId: string; metric: MetricName; connectionId: string; problem: ConnectionProblem; message: string; at: number }): void {
  statement(db, 
    `INSERT INTO source_fetches (release_id, metric, connection_id, last_attempt_at, failing_since, last_problem, last_error)
       VALUES (@releaseId, @metric, @connectionId, @at, @at, @problem, @message)
     ON CONFLICT (release_id, metric) DO UPDATE SET
       connection_id = excluded.connection_id, last_attempt_at = excluded.last_attempt_at,
       failing_since = COALESCE(failing_since, excluded.failing_since),
       last_problem = excluded.last_problem, last_error = excluded.last_error`,
  ).run({ ...f, message: f.message.slice(0, 500) });
}


/** Releases not yet ended whose mapping reads through a connection: removing it would leave them blind. */
export function releasesUsingConnection(db: Db, connectionId: string): string[] {
  return (statement(db, "SELECT id FROM releases WHERE connection_id = ? AND status NOT IN ('completed', 'rolled_back') ORDER BY id").all(connectionId) as { id: string }[]).map((r) => r.id);
}
