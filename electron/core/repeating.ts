/** Work done every so often in the background, started and stopped at will; the timer never keeps the process alive. */
export class Repeating {
  readonly #run: () => void;
  readonly #everyMs: number;
  #timer: NodeJS.Timeout | null = null;

  constructor(run: () => void, everyMs: number) {
    this.#run = run;
    this.#everyMs = everyMs;
  }

  /** Starts the timer; a second start while it runs does nothing. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(this.#run, this.#everyMs);
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
