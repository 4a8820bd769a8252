/** Background work done every so often, started and stopped at will; the timer never keeps the process alive. */
export abstract class Repeating {
  readonly #everyMs: number;
  #timer: NodeJS.Timeout | null = null;

  protected constructor(everyMs: number) {
    this.#everyMs = everyMs;
  }

  /** One round of the work. */
  protected abstract beat(): void;

  /** Starts the timer; a second start while it runs does nothing. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.beat(), this.#everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  get running(): boolean {
    return this.#timer !== null;
  }
}
