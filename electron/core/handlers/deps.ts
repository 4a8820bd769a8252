import type { EventBus } from '../bus.ts';
import type { Db } from '../db/open.ts';
import type { Handlers } from '../dispatch.ts';
import type { JudgeSetup } from '../rollout/evaluation.ts';

export interface HandlerDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  dataDir: string;
  version: string;
  /** The statistical judge of relative and KPI gates; null compares means only. */
  judge: JudgeSetup | null;
}

export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;
