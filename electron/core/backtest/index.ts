export { LOOK_EVERY_MS } from './clock.ts';
export { BacktestInputError, MAX_LOOKS, type BacktestInput } from './input.ts';
export { runBacktest, scheduleChanges, type BacktestOptions, type BacktestProgress } from './run.ts';
export { recordingReadiness } from './readiness.ts';
