import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import type { Handlers } from '../dispatch.ts';

export interface HandlerDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  dataDir: string;
  version: string;
}

export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;
