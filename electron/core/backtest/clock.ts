/**
 * How often the backtest's guard looks, unless told otherwise. The live guard has no interval of its
 * own: it looks whenever samples arrive (every 2 s from the simulator, per batch from ingest). A
 * recording says nothing of how it was delivered, so a look a minute stands in for it.
 */
export const LOOK_EVERY_MS = 60_000;

/** The backtest's time: it moves only when the replay moves it, and the core reads it as `now`. */
export class VirtualClock {
  t: number;
  constructor(start: number) {
    this.t = start;
  }
  readonly now = (): number => this.t;
}
