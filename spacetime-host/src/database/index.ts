export type { CommitListener } from './commit-pipeline.js';
export { CONTROL_FILE, ControlFileError } from './control-file.js';
export { Database, type DatabaseConfig, DEFAULT_SNAPSHOT_EVERY } from './database.js';
export type * from './database-api.js';
export {
  ConnectionRejectedError,
  DatabaseClosedError,
  DatabaseRequestError,
  IncompatibleUpdateError,
  InvalidArgumentsError,
  LifecycleReducerError,
  NoSuchProcedureError,
  NoSuchReducerError,
  NoSuchViewError,
  NotOwnerError,
  PublishError,
} from './database-errors.js';
export { InvalidDatabaseNameError, isIdentityHex, parseDatabaseName } from './database-name.js';
export type { DatabaseServices } from './database-services.js';
export { defaultServices } from './default-services.js';
export { type DatabaseOpenFailure, Host, type HostOptions } from './host.js';
