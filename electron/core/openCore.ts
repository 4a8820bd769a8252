import { EventBus } from './bus.ts';
import { openDatabase, type Db } from './db/open.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { dispatch } from './dispatch.ts';
import { ChangeFollower } from './follower.ts';
import { createHandlers } from './handlers/index.ts';
import { Guard } from './rollout/guard.ts';
import { BACKGROUND_LEASE, Lease, leaseTiming, ownerId } from './lease.ts';
import { compact, DEFAULT_RETENTION } from './metrics/retention.ts';
import type { SourceClientFactory } from './connections/probe.ts';
import { countSealedBy } from './connections/repo.ts';
import { releasesUsingConnection } from './repos/sources.ts';
import { connectionClients } from './sources/clients.ts';
import { createSourceClient } from './sources/factory.ts';
import { Poller } from './sources/poller.ts';
import { SourceGuard } from './sources/resilience.ts';
import { keyFileStore } from './secrets/keyFile.ts';
import { secretVault, type SecretVault } from './secrets/vault.ts';
import { verifyChain } from './repos/eventLog.ts';
import { Simulator } from './simulator/simulator.ts';
import { authenticate } from './tokens/service.ts';
import type { LeaseInfo } from '../../shared/index.ts';
import type { Core, CoreOptions } from './core.ts';

const COMPACT_EVERY_MS = 15 * 60 * 1000;
const DEFAULT_POLL_EVERY_MS = 5_000;

/**
 * The core with its database and secret vault, for the core's own modules only: the backtest engine
 * tunes and writes its scratch database directly. Hosts call createCore (electron/core/core.ts), which
 * keeps both inside: a host never holds what opens a connection's secrets.
 */
export function openCore(options: CoreOptions): { core: Core; db: Db; vault: SecretVault } {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const db = openDatabase(options.dataDir, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const chainAtOpen = verifyChain(db);
  if (!chainAtOpen.ok) log(`stagegate: the event log was altered: ${chainAtOpen.problem}`);
  if (options.demo) seedDemoIfEmpty(db, now());
  // The key file is read or made only when a secret is sealed with it or opened; the desktop app still opens
  // what a web host on the same folder sealed with it.
  const keyFile = keyFileStore(options.dataDir, { sealedSecrets: () => countSealedBy(db, 'keyfile') });
  const secrets = secretVault(options.secretStore ?? keyFile, keyFile);
  const bus = new EventBus();
  const guard = new Guard({ db, bus, now, log });
  const simulator = new Simulator({ db, bus, now, intervalMs: options.simulateEveryMs || 2000, log, ...(options.simulatorSeed === undefined ? {} : { seed: options.simulatorSeed }) });
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
  const core: Core = {
    dataDir: options.dataDir,
    simulator,
    guard,
    lease,
    chainAtOpen,
    poller,
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
  return { core, db, vault: secrets };
}
