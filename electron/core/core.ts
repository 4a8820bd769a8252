import type { Listener } from './bus.ts';
import type { Caller } from './dispatch.ts';
import type { Guard } from './rollout/guard.ts';
import type { Lease, LeaseTiming } from './lease.ts';
import type { RetentionPolicy } from './metrics/retention.ts';
import type { SourceClientFactory } from './connections/probe.ts';
import type { ConnectionInUse } from './connections/remove.ts';
import type { Poller } from './sources/poller.ts';
import type { SourceGuardOptions } from './sources/resilience.ts';
import type { SecretStore } from './secrets/store.ts';
import type { Simulator } from './simulator/simulator.ts';
import type { AuthenticatedToken } from './tokens/service.ts';
import type { ChainReport, Result } from '../../shared/index.ts';
import { openCore } from './openCore.ts';

export type { AuthenticatedToken } from './tokens/service.ts';
export type { SourceClientFactory } from './connections/probe.ts';
export type { SecretStore } from './secrets/store.ts';

export interface CoreOptions {
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /** How long a write waits inside SQLite for another host's lock before the core retries it (5000 ms by default; tests shorten it). */
  busyTimeoutMs?: number;
  now?: () => number;
  /** Seed the demo workspace into an empty log (the default for the console, off in tests). */
  demo?: boolean;
  /** Simulator tick in ms; 0 turns the simulator off. */
  simulateEveryMs?: number;
  /** The simulator's random seed, for a demo that plays the same numbers every run (the end-to-end tests); by default the start time. */
  simulatorSeed?: number;
  checkOutputs?: boolean;
  /** The guard acts on gates as samples arrive (on by default; tests of other parts may turn it off). */
  guard?: boolean;
  /** How long raw samples and minute roll-ups are kept; compaction runs at open and every 15 minutes. */
  retention?: RetentionPolicy;
  /** Of the lease that lets one host of a data folder run the guard, the simulator and compaction. */
  lease?: Partial<LeaseTiming>;
  /**
   * Whether this core competes for that lease (by default). A one-shot caller such as a CLI command
   * turns it off: it then never runs the guard, simulator, poller or compaction, which a host does.
   */
  background?: boolean;
  /** How often to look for what other hosts on the folder wrote, to push it here (ms; 1000 by default). */
  followEveryMs?: number;
  /** Names this host in the lease ("web host", "desktop app"). */
  hostLabel?: string;
  log?: (message: string, error?: unknown) => void;
  /**
   * Seals connection secrets: the desktop host passes its safeStorage adapter; without one (the web host,
   * the CLI) they are sealed with AES-256-GCM under `<dataDir>/secret.key`.
   */
  secretStore?: SecretStore;
  /** Builds the metrics client of a connection (Prometheus, Datadog, Sentry); without one, tests of connections say so. */
  sourceClient?: SourceClientFactory;
  /** Which releases read from a connection (ids): a connection in use is not removed. None by default. */
  connectionInUse?: ConnectionInUse;
  /** How often the poller looks for completed intervals of connection-bound releases (ms); 0 turns it off. */
  pollEveryMs?: number;
  /** Retries and circuit breaking of calls to a connection (tests shorten them). */
  sourceGuard?: SourceGuardOptions;
}

/** What a host holds of the core: its database stays inside, reached only through `invoke` and the services below. */
export interface Core {
  readonly dataDir: string;
  readonly simulator: Simulator;
  readonly guard: Guard;
  /** Held by the one host of the data folder that runs the guard, the simulator and compaction. */
  readonly lease: Lease;
  /** The event log's state when the core opened it; a broken chain is reported, never repaired silently. */
  readonly chainAtOpen: ChainReport;
  /** Fetches the mapped metrics of connection-bound releases; runs with the lease, like the guard. */
  readonly poller: Poller;
  /** Signs in a presented token against the stored ones (the web host's requests); created and revoked through `invoke`. */
  readonly tokens: { authenticate(token: string): AuthenticatedToken | null };
  invoke(method: string, input: unknown, caller: Caller): Promise<Result<unknown>>;
  subscribe(listener: Listener): () => void;
  close(): void;
}

/** Opens the data folder and starts what runs there; a host holds the core, never its database. */
export function createCore(options: CoreOptions): Core {
  return openCore(options).core;
}
