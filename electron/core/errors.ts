// The core's errors a host names to a person, without importing the modules that throw them.
export { DatabaseFromFutureError } from './db/migrations.ts';
