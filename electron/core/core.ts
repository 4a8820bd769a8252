import { EventBus, type Listener } from './bus.ts';
import { openDatabase, type Db } from './db/open.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { dispatch, type Caller } from './dispatch.ts';
import { createHandlers } from './handlers/index.ts';
import { Guard } from './rollout/guard.ts';
import { compact, DEFAULT_RETENTION, type RetentionPolicy } from './metrics/retention.ts';
import { verifyChain } from './repos/eventLog.ts';
import { Simulator } from './simulator/simulator.ts';
import type { ChainReport, Result } from '../../shared/index.ts';

const COMPACT_EVERY_MS = 15 * 60 * 1000;

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
  log?: (message: string, error?: unknown) => void;
}

export interface Core {
  readonly db: Db;
  readonly dataDir: string;
  readonly simulator: Simulator;
  readonly guard: Guard;
  /** The event log's state when the core opened it; a broken chain is reported, never repaired silently. */
  readonly chainAtOpen: ChainReport;
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
  const bus = new EventBus();
  const handlers = createHandlers({ db, bus, now, dataDir: options.dataDir, version: options.version });
  const guard = new Guard({ db, bus, now, log });
  if (options.guard ?? true) guard.start();
  const simulator = new Simulator({ db, bus, now, intervalMs: options.simulateEveryMs || 2000 });
  if (options.simulateEveryMs) simulator.start();
  const retention = options.retention ?? DEFAULT_RETENTION;
  compact(db, now(), retention);
  const compaction = setInterval(() => compact(db, now(), retention), COMPACT_EVERY_MS);
  compaction.unref();
  return {
    db,
    dataDir: options.dataDir,
    simulator,
    guard,
    chainAtOpen,
    invoke: (method, input, caller) =>
      dispatch(handlers, method, input, caller, {
        checkOutputs: options.checkOutputs ?? false,
        onInternalError: (m, error) => log(`stagegate: ${m} failed`, error),
      }),
    subscribe: (listener) => bus.subscribe(listener),
    close: () => {
      simulator.stop();
      guard.stop();
      clearInterval(compaction);
      db.close();
    },
  };
}
