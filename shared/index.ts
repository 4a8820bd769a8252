export * from './result.ts';
export * from './contract.ts';
export * from './domain/release.ts';
export * from './domain/metrics.ts';
export * from './domain/events.ts';
export * from './rollout/stateMachine.ts';
export * from './sim/random.ts';
export * from './sim/model.ts';
