import { EventBus, type Listener } from './bus.ts';
import { openDatabase, type Db } from './db/open.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { dispatch, type Caller } from './dispatch.ts';
import { ChangeFollower } from './follower.ts';
import { createHandlers } from './handlers/index.ts';
import { Guard } from './rollout/guard.ts';
import { BACKGROUND_LEASE, Lease, leaseTiming, ownerId, type LeaseTiming } from './lease.ts';
import { compact, DEFAULT_RETENTION, type RetentionPolicy } from './metrics/retention.ts';
import type { SourceClientFactory } from './connections/probe.ts';
import type { ConnectionInUse } from './connections/remove.ts';
import { countSealedBy } from './connections/repo.ts';
import { releasesUsingConnection } from './repos/sources.ts';
import { connectionClients } from './sources/clients.ts';
import { createSourceClient } from './sources/factory.ts';
import { Poller } from './sources/poller.ts';
import { SourceGuard, type SourceGuardOptions } from './sources/resilience.ts';
import { keyFileStore } from './secrets/keyFile.ts';
import type { SecretStore } from './secrets/store.ts';
import { secretVault, type SecretVault } from './secrets/vault.ts';
import { verifyChain } from './repos/eventLog.ts';
import { Simulator } from './simulator/simulator.ts';
import { authenticate, type AuthenticatedToken } from './tokens/service.ts';
import type { ChainReport, LeaseInfo, Result } from '../../shared/index.ts';

const COMPACT_EVERY_MS = 15 * 60 * 1000;
const DEFAULT_POLL_EVERY_MS = 5_000;

export interface CoreOptions {
  dataDir: string;
  version: string;
  nativeBinding?: string;
  now?: () => number;
  /** Seed the demo workspace into an empty log (the default for the console, off in tests). */
  demo?: boolean;
  /** Simulator tick in ms; 0 turns the simulator off. */
  simulateEveryMs?: number;
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

export interface Core {
  readonly db: Db;
  readonly dataDir: string;
  readonly simulator: Simulator;
  readonly guard: Guard;
  /** Held by the one host of the data folder that runs the guard, the simulator and compaction. */
  readonly lease: Lease;
  /** The event log's state when the core opened it; a broken chain is reported, never repaired silently. */
  readonly chainAtOpen: ChainReport;
  /** Fetches the mapped metrics of connection-bound releases; runs with the lease, like the guard. */
  readonly poller: Poller;
  /** Opens connection secrets inside the core (the poller's resolveConnection); never handed to a caller. */
  readonly secrets: SecretVault;
  /** Signs in a presented token against the stored ones (the web host's requests); created and revoked through `invoke`. */
  readonly tokens: { authenticate(token: string): AuthenticatedToken | null };
  invoke(method: string, input: unknown, caller: Caller): Promise<Result<unknown>>;
  subscribe(listener: Listener): () => void;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const db = openDatabase(options.dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const chainAtOpen = verifyChain(db);
  if (!chainAtOpen.ok) log(`stagegate: the event log was altered: ${chainAtOpen.problem}`);
  if (options.demo) seedDemoIfEmpty(db, now());
  // The key file is read or made only when a secret is sealed with it or opened; the desktop app still opens
  // what a web host on the same folder sealed with it.
  const keyFile = keyFileStore(options.dataDir, { sealedSecrets: () => countSealedBy(db, 'keyfile') });
  const secrets = secretVault(options.secretStore ?? keyFile, keyFile);
  const bus = new EventBus();
  const guard = new Guard({ db, bus, now, log });
  const simulator = new Simulator({ db, bus, now, intervalMs: options.simulateEveryMs || 2000, log });
  const sourceGuard = new SourceGuard({ now, ...options.sourceGuard });
  // The real clients unless a test hands in its own.
  const sourceClient: SourceClientFactory = options.sourceClient ?? ((config, opened) => createSourceClient(config, opened));
  const clients = connectionClients(db, secrets, sourceClient);
  const pollEveryMs = options.pollEveryMs ?? DEFAULT_POLL_EVERY_MS;
  const poller = new Poller({
    db,
    bus,
    now,
    clientFor: clients,
    run: (id, fn) => sourceGuard.run(id, fn),
    log,
    ...(pollEveryMs > 0 ? { checkEveryMs: pollEveryMs } : {}),
  });
  const retention = options.retention ?? DEFAULT_RETENTION;
  // Timers must never take the host down: a failed round is logged, and the next one tries again.
  const compactNow = (): void => {
    try {
      compact(db, now(), retention);
    } catch (error) {
      log('stagegate: compaction failed', error);
    }
  };
  let compaction: NodeJS.Timeout | null = null;
  const startBackground = (): void => {
    if (options.guard ?? true) guard.start();
    if (options.simulateEveryMs) simulator.start();
    if (pollEveryMs > 0) poller.start();
    compactNow();
    compaction = setInterval(compactNow, COMPACT_EVERY_MS);
    compaction.unref();
  };
  const stopBackground = (): void => {
    simulator.stop();
    poller.stop();
    guard.stop();
    if (compaction) clearInterval(compaction);
    compaction = null;
  };
  // Two hosts on one folder would judge, simulate and compact twice; only the lease holder does.
  const lease = new Lease({
    db,
    name: BACKGROUND_LEASE,
    owner: ownerId(options.hostLabel ?? 'stagegate'),
    ...leaseTiming(options.lease),
    log,
    onAcquired: startBackground,
    onLost: stopBackground,
  });
  const leaseInfo = (): LeaseInfo => {
    const holder = lease.holder();
    return { owner: holder?.owner ?? null, here: lease.held, expiresAt: holder?.expiresAt ?? null };
  };
  const handlers = createHandlers({
    db,
    bus,
    now,
    dataDir: options.dataDir,
    version: options.version,
    leaseInfo,
    secrets,
    sourceClient,
    sources: { clientFor: clients, run: (id, fn) => sourceGuard.run(id, fn) },
    connectionInUse: options.connectionInUse ?? ((id) => releasesUsingConnection(db, id)),
  });
  const follower = new ChangeFollower({ db, bus, log, ...(options.followEveryMs ? { everyMs: options.followEveryMs } : {}) });
  follower.start();
  if (options.background ?? true) lease.start();
  return {
    db,
    dataDir: options.dataDir,
    simulator,
    guard,
    lease,
    chainAtOpen,
    poller,
    secrets,
    tokens: { authenticate: (token) => authenticate(db, token) },
    invoke: (method, input, caller) =>
      dispatch(handlers, method, input, caller, {
        checkOutputs: options.checkOutputs ?? false,
        onInternalError: (m, error) => log(`stagegate: ${m} failed`, error),
      }),
    subscribe: (listener) => bus.subscribe(listener),
    close: () => {
      follower.stop();
      lease.stop();
      stopBackground();
      db.close();
    },
  };
}
