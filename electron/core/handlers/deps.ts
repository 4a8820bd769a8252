import type { LeaseInfo } from '../../../shared/index.ts';
import type { EventBus } from '../bus.ts';
import type { SourceClientFactory } from '../connections/probe.ts';
import type { ConnectionInUse } from '../connections/remove.ts';
import type { SecretVault } from '../secrets/vault.ts';
import type { Db } from '../db/open.ts';
import type { Handlers } from '../dispatch.ts';
import type { RunCall } from '../sources/fetchMetric.ts';
import type { MetricSourceClient } from '../sources/types.ts';

export interface HandlerDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  dataDir: string;
  version: string;
  /** Which host runs the background work, read when asked. */
  leaseInfo: () => LeaseInfo;
  /** Seals connection secrets with the host's store (safeStorage in the desktop app, else the key file). */
  secrets: SecretVault;
  /** Builds a metrics client for a connection; without one, "Test connection" says this build has none. */
  sourceClient?: SourceClientFactory | undefined;
  /** Which releases read from a connection; removing one in use is refused. */
  connectionInUse?: ConnectionInUse | undefined;
  /** The clients of saved connections and the policy calls to them run under (the poller's own). */
  sources: { clientFor: (connectionId: string) => MetricSourceClient; run: RunCall };
}

export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;
