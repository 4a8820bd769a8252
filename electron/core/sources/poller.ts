import { durationSeconds, type ConnectionProblem, type MetricName } from '../../../shared/index.ts';
import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/write.ts';
import { insertSamples } from '../metrics/store.ts';
import { Repeating } from '../repeating.ts';
import { boundReleases, fetchesOf, recordFetched, recordFetchFailed, type BoundRelease } from '../repos/sources.ts';
import { fetchMetric, type RunCall } from './fetchMetric.ts';
import { SourceError, type MetricSourceClient } from './types.ts';


export interface PollerOptions {
  db: Db;
  bus: EventBus;
  now: () => number;
  /** The client of a saved connection (its secrets decrypted in the core); throws a SourceError when it cannot be had. */
  clientFor: (connectionId: string) => MetricSourceClient;
  /** Runs one call under the connection's retry and circuit-breaker policy. */
  run: RunCall;
  /** How often to check whether an interval has completed (ms). */
  checkEveryMs?: number;
  /** How long after an interval's end its data is taken as complete (scrape and ingestion lag). */
  settleMs?: number;
  /** The furthest back a first fetch or a backfill after an outage goes. */
  maxBackfillMs?: number;
  /** Releases fetched at once. */
  concurrency?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface PollReport {
  releases: number;
  requests: number;
  samples: number;
  failures: number;
}

const DEFAULT_SETTLE_MS = 15_000;
/** Rows held before a commit mid-cycle: a week's backfill of many releases must not sit in memory whole. */
const FLUSH_ROWS = 50_000;

interface WriteBatch {
  writes: (() => void)[];
  rows: number;
}
const DEFAULT_MAX_BACKFILL_MS = 7 * 24 * 60 * 60 * 1000;

const problemOf = (error: unknown): { problem: ConnectionProblem; message: string } =>
  error instanceof SourceError ? { problem: error.problem, message: error.message } : { problem: 'unreachable', message: error instanceof Error ? error.message : String(error) };

/**
 * Fetches every mapped metric of every live release bound to a connection, interval by interval:
 * each metric's range grows without a gap from where it stopped, so a cycle after an outage backfills
 * the gap (cut into requests the provider accepts). Samples are upserted, so a range fetched twice is
 * stored once. After each cycle the guard is told, so it looks even when nothing new arrived and can
 * say the data went stale.
 */
export class Poller extends Repeating {
  readonly #o: PollerOptions;
  #cycle: Promise<PollReport> | null = null;

  constructor(options: PollerOptions) {
    super(options.checkEveryMs ?? 5_000);
    this.#o = options;
  }

  protected beat(): void {
    this.cycle().catch((error: unknown) => this.#o.log?.('stagegate: a metrics poll failed', error));
  }

  /** One pass over the bound releases; a cycle asked for while one runs joins it. */
  cycle(): Promise<PollReport> {
    this.#cycle ??= this.#runCycle().finally(() => {
      this.#cycle = null;
    });
    return this.#cycle;
  }

  async #runCycle(): Promise<PollReport> {
    const bound = boundReleases(this.#o.db);
    const report: PollReport = { releases: bound.length, requests: 0, samples: 0, failures: 0 };
    const queue = [...bound];
    const batch: WriteBatch = { writes: [], rows: 0 };
    // Once a cycle per connection, not per release: many releases share one, and each ask reads the database.
    const clients = new Map<string, { client: MetricSourceClient } | { failed: unknown }>();
    const clientOf = (connectionId: string): MetricSourceClient => {
      let got = clients.get(connectionId);
      if (!got) {
        try {
          got = { client: this.#o.clientFor(connectionId) };
        } catch (error) {
          got = { failed: error };
        }
        clients.set(connectionId, got);
      }
      if ('failed' in got) throw got.failed;
      return got.client;
    };
    const workers = Array.from({ length: Math.min(this.#o.concurrency ?? 4, queue.length) }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        await this.#pollRelease(r, report, batch, clientOf);
        if (batch.rows >= FLUSH_ROWS) this.#flush(batch);
      }
    });
    await Promise.all(workers);
    this.#flush(batch);
    if (bound.length > 0) this.#o.bus.emit({ type: 'samples.arrived', releaseIds: bound.map((r) => r.id), until: this.#o.now() });
    return report;
  }

  /** What the cycle fetched, written in one transaction: one commit a cycle, not one per release, metric and window. */
  #flush(batch: WriteBatch): void {
    if (batch.writes.length === 0) return;
    const writes = batch.writes.splice(0);
    batch.rows = 0;
    writeTransaction(this.#o.db, () => {
      for (const write of writes) write();
    });
  }

  async #pollRelease(release: BoundRelease, report: PollReport, batch: WriteBatch, clientOf: (connectionId: string) => MetricSourceClient): Promise<void> {
    const { db } = this.#o;
    const { mapping } = release;
    const now = this.#o.now();
    const metrics = Object.keys(mapping.queries) as MetricName[];
    let client: MetricSourceClient;
    try {
      client = clientOf(mapping.connection);
    } catch (error) {
      const { problem, message } = problemOf(error);
      for (const metric of metrics) recordFetchFailed(db, { releaseId: release.id, metric, connectionId: mapping.connection, problem, message, at: now });
      report.failures += metrics.length;
      return;
    }
    const stepSeconds = Math.max(durationSeconds(mapping.interval), client.limits.minStepSeconds, 1);
    const stepMs = stepSeconds * 1000;
    const end = Math.floor((now - (this.#o.settleMs ?? DEFAULT_SETTLE_MS)) / stepMs) * stepMs;
    const floor = Math.max(release.watchedFrom, now - (this.#o.maxBackfillMs ?? DEFAULT_MAX_BACKFILL_MS));
    const first = Math.floor(floor / stepMs) * stepMs - stepMs;
    const fetches = fetchesOf(db, release.id);
    // One request stays within the provider's points per series.
    const span = Math.max(1, client.limits.maxPointsPerSeries - 1) * stepMs;
    const ctx = { release: release.id, app: release.app, version: release.version, baselineVersion: release.baselineVersion ?? '', intervalSeconds: stepSeconds };
    for (const metric of metrics) {
      let from = Math.max(fetches.get(metric)?.fetchedUntil ?? first, first);
      while (from < end) {
        const until = Math.min(end, from + span);
        try {
          const fetched = await fetchMetric(client, this.#o.run, mapping, ctx, metric, { start: from + stepMs, end: until, stepSeconds });
          report.requests += fetched.requests;
          const rows = fetched.rows;
          const lastSampleAt = rows.reduce<number | null>((m, s) => (s.value !== null && s.weight > 0 && (m === null || s.t > m) ? s.t : m), null);
          const at = this.#o.now();
          batch.rows += rows.length;
          batch.writes.push(() => {
            insertSamples(db, rows.map((s) => ({ ...s, releaseId: release.id })));
            recordFetched(db, { releaseId: release.id, metric, connectionId: mapping.connection, until, lastSampleAt, at });
          });
          report.samples += rows.length;
          from = until;
        } catch (error) {
          const { problem, message } = problemOf(error);
          const at = this.#o.now();
          batch.writes.push(() => recordFetchFailed(db, { releaseId: release.id, metric, connectionId: mapping.connection, problem, message, at }));
          report.failures += 1;
          break;
        }
      }
    }
  }
}
