export type { Clock } from './clock/clock.js';
export type { Caller, DatabaseHandle, HostApi, ReducerOutcome } from './database/database-api.js';
export { Host } from './database/host.js';
export { bundleModule } from './runtime/bundle-module.js';
export { type LocalHost, type LocalHostOptions, startLocalHost } from './start-local-host.js';
