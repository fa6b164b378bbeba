/** Base class of every error the durability layer throws. */
export class DurabilityError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A write or sync failed, so the state of the log on disk is unknown. Every
 * pending append and every later one rejects with this; the database must be
 * reopened (recovery decides what survived).
 */
export class DurabilityFailedError extends DurabilityError {}

/** `append`, `snapshot` or `recover` was called on a closed durability. */
export class DurabilityClosedError extends DurabilityError {}

/** The caller broke the contract (e.g. appended a non-contiguous txOffset). */
export class DurabilityUsageError extends DurabilityError {}

/**
 * The commit log is damaged somewhere other than its tail (or misses
 * transactions); recovery refuses to guess rather than lose committed data.
 */
export class CommitLogCorruptError extends DurabilityError {}

/** A snapshot file failed its checksum or could not be decoded. */
export class SnapshotCorruptError extends DurabilityError {}
