import type { LeaseInfo } from '../../../shared/index.ts';
import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import type { Handlers } from '../dispatch.ts';

export interface HandlerDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  dataDir: string;
  version: string;
  /** Which host runs the background work, read when asked. */
  leaseInfo: () => LeaseInfo;
}

export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;
