import { FED_STATUSES, seededRandom, simulateTick, type Sample } from '../../../shared/index.ts';
import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import { activeFaults } from '../repos/faults.ts';
import { listReleases } from '../repos/releases.ts';
import { insertSamples } from '../metrics/store.ts';
import { Repeating } from '../repeating.ts';
import { profileFor } from './profiles.ts';

export interface SimulatorOptions {
  db: Db;
  bus: EventBus;
  now: () => number;
  intervalMs: number;
  seed?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Samples for every live simulated release at time t (never one bound to push or a connection); exposure follows each release's current stage. */
export function samplesAt(db: Db, t: number, random: () => number): Sample[] {
  const faults = activeFaults(db, t);
  return listReleases(db)
    .filter((r) => FED_STATUSES.has(r.status) && r.source === 'simulator')
    .flatMap((r) => simulateTick({ releaseId: r.id, profile: profileFor(r.target), t, exposurePct: r.exposurePct, random, faults: faults.get(r.id) ?? [] }));
}

/** The built-in metrics source of the demo and of rehearsal: one batch per interval, then a push. */
export class Simulator extends Repeating {
  readonly #opts: SimulatorOptions;
  readonly #random: () => number;

  constructor(opts: SimulatorOptions) {
    super(opts.intervalMs);
    this.#opts = opts;
    this.#random = seededRandom(opts.seed ?? opts.now());
  }

  protected beat(): void {
    // A tick that fails (the file busy past every retry, a full disk) is skipped; the next one tries again.
    try {
      this.tick();
    } catch (error) {
      this.#opts.log?.('stagegate: the simulator tick failed', error);
    }
  }

  tick(t: number = this.#opts.now()): Sample[] {
    const samples = samplesAt(this.#opts.db, t, this.#random);
    if (samples.length === 0) return samples;
    insertSamples(this.#opts.db, samples);
    this.#opts.bus.emit({ type: 'samples.arrived', releaseIds: [...new Set(samples.map((s) => s.releaseId))], until: t });
    return samples;
  }
}
