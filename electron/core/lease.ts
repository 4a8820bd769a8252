import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Db } from './db/open.ts';
import { writeTransaction } from './db/write.ts';
import { Repeating } from './repeating.ts';

/** The background work of a data folder: the guard, the simulator and compaction. */
export const BACKGROUND_LEASE = 'background';

export interface LeaseTiming {
  /** How long a lease lasts unless renewed: after a crash, the other host takes over within this (plus one renewal). */
  ttlMs: number;
  /** How often the owner renews, and another host looks for an expired lease. */
  renewEveryMs: number;
}

export const DEFAULT_LEASE_TTL_MS = 15_000;

/** Renewing three times per lifetime rides out a missed renewal or two before the lease lapses. */
export function leaseTiming(given: Partial<LeaseTiming> = {}): LeaseTiming {
  const ttlMs = given.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  return { ttlMs, renewEveryMs: given.renewEveryMs ?? Math.max(10, Math.round(ttlMs / 3)) };
}

export interface LeaseHolder {
  owner: string;
  acquiredAt: number;
  expiresAt: number;
}

export interface LeaseOptions extends LeaseTiming {
  db: Db;
  name: string;
  owner: string;
  onAcquired: () => void;
  onLost: () => void;
  log: (message: string, error?: unknown) => void;
  /** Wall-clock time; never a simulated clock, since another process has to agree on expiry. */
  clock?: () => number;
}

/** A readable id that is unique per process: what, where and which process holds the lease. */
export function ownerId(label: string): string {
  return `${label} on ${os.hostname()}, pid ${process.pid} (${randomUUID().slice(0, 8)})`;
}

export function leaseHolder(db: Db, name: string): LeaseHolder | null {
  const row = db.prepare('SELECT owner, acquired_at, expires_at FROM host_lease WHERE name = ?').get(name) as
    | { owner: string; acquired_at: number; expires_at: number }
    | undefined;
  return row ? { owner: row.owner, acquiredAt: row.acquired_at, expiresAt: row.expires_at } : null;
}

/** Takes or renews the lease when it is free, expired or already ours; read and written under one write lock. */
export function takeLease(db: Db, name: string, owner: string, now: number, ttlMs: number): boolean {
  return writeTransaction(db, () => {
    const holder = leaseHolder(db, name);
    if (holder && holder.owner !== owner && holder.expiresAt > now) return false;
    const acquiredAt = holder?.owner === owner ? holder.acquiredAt : now;
    db.prepare(
      `INSERT INTO host_lease (name, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
    ).run(name, owner, acquiredAt, now + ttlMs);
    return true;
  });
}

/**
 * One host of a data folder holds the lease and runs what it guards; the others try again every
 * renewal period and take over once it is released (a clean exit) or has expired (a crash).
 */
export class Lease extends Repeating {
  readonly #opts: LeaseOptions;
  readonly #clock: () => number;
  #held = false;
  #expiresAt = 0;

  constructor(opts: LeaseOptions) {
    super(opts.renewEveryMs);
    this.#opts = opts;
    this.#clock = opts.clock ?? Date.now;
  }

  protected beat(): void {
    this.#attempt();
  }

  get owner(): string {
    return this.#opts.owner;
  }

  get held(): boolean {
    return this.#held;
  }

  holder(): LeaseHolder | null {
    return leaseHolder(this.#opts.db, this.#opts.name);
  }

  /** Tries at once (so a lone host owns its work as soon as it opens), then every renewal period. */
  override start(): void {
    if (this.running) return;
    this.#attempt();
    super.start();
  }

  /** Stops the guarded work and hands the lease back, so another host need not wait for it to expire. */
  override stop(): void {
    super.stop();
    if (!this.#held) return;
    this.#lose();
    try {
      writeTransaction(this.#opts.db, () =>
        this.#opts.db.prepare('DELETE FROM host_lease WHERE name = ? AND owner = ?').run(this.#opts.name, this.#opts.owner),
      );
    } catch (error) {
      this.#opts.log('stagegate: could not hand back the host lease; another host will take it when it expires', error);
    }
  }

  #attempt(): void {
    const now = this.#clock();
    try {
      const got = takeLease(this.#opts.db, this.#opts.name, this.#opts.owner, now, this.#opts.ttlMs);
      if (got) this.#expiresAt = now + this.#opts.ttlMs;
      if (got && !this.#held) {
        this.#held = true;
        this.#safely(this.#opts.onAcquired, 'starting the leased work failed');
      } else if (!got && this.#held) {
        this.#lose();
      }
    } catch (error) {
      this.#opts.log('stagegate: could not renew the host lease', error);
      // Past its expiry another host may have taken over: stop rather than run the work twice.
      if (this.#held && this.#clock() >= this.#expiresAt) this.#lose();
    }
  }

  #lose(): void {
    this.#held = false;
    this.#safely(this.#opts.onLost, 'stopping the leased work failed');
  }

  #safely(fn: () => void, what: string): void {
    try {
      fn();
    } catch (error) {
      this.#opts.log(`stagegate: ${what}`, error);
    }
  }
}
