import type { InterruptedCode } from './io.ts';

/**
 * The signals that end a command early (a terminal's Ctrl-C, a CI runner's or `timeout`'s TERM, a
 * closed terminal), with the exit code a shell gives a process one of them ends: 128 + its number.
 */
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const satisfies Record<string, InterruptedCode>;
type Signal = keyof typeof SIGNALS;

export interface Interruption {
  /** Aborted at the first of the signals; its reason names it. */
  signal: AbortSignal;
  /** The signal received, or null. */
  received(): Signal | null;
  /** The exit code for the signal received (null before one). */
  exitCode(): InterruptedCode | null;
  /** Gives the signals back to Node's default, which ends the process at once (a second Ctrl-C). */
  dispose(): void;
}

/**
 * Catches the signals for as long as work that must clean up after itself runs (a backtest's
 * temporary database), so it ends at its next turn and its `finally` runs; uncaught, the signal
 * ended the process where it stood.
 */
export function interruption(): Interruption {
  const controller = new AbortController();
  let received: Signal | null = null;
  const handlers = Object.keys(SIGNALS).map((name) => {
    const signal = name as Signal;
    const handler = (): void => {
      received ??= signal;
      dispose();
      controller.abort(new Error(`interrupted by ${signal}`));
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  function dispose(): void {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
  return { signal: controller.signal, received: () => received, exitCode: () => (received ? SIGNALS[received] : null), dispose };
}
