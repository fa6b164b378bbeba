export type * from './datastore.js';
export {
  DatastoreError,
  ERRNO_MESSAGES,
  Errno,
  type ErrnoCode,
  type ErrnoName,
} from './datastore-error.js';
export { InMemoryDatastore, sequenceKey } from './in-memory-datastore.js';
export { MigrationDataError, migrateState } from './migrate-state.js';
