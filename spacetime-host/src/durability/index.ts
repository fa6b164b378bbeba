export type { CommitLogStats } from './commit-log-writer.js';
export type { Durability, RecoveredState } from './durability.js';
export {
  CommitLogCorruptError,
  DurabilityClosedError,
  DurabilityError,
  DurabilityFailedError,
  DurabilityUsageError,
  SnapshotCorruptError,
} from './durability-error.js';
export { FileDurability, type FileDurabilityOptions } from './file-durability.js';
export type { LogFile, OpenLogFile } from './log-file.js';
