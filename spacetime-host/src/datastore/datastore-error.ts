/** SpacetimeDB's syscall error numbers (crates/primitives/src/errno.rs). */
export const Errno = {
  HOST_CALL_FAILURE: 1,
  NOT_IN_TRANSACTION: 2,
  BSATN_DECODE_ERROR: 3,
  NO_SUCH_TABLE: 4,
  NO_SUCH_INDEX: 5,
  NO_SUCH_ITER: 6,
  NO_SUCH_CONSOLE_TIMER: 7,
  NO_SUCH_BYTES: 8,
  NO_SPACE: 9,
  WRONG_INDEX_ALGO: 10,
  BUFFER_TOO_SMALL: 11,
  UNIQUE_ALREADY_EXISTS: 12,
  SCHEDULE_AT_DELAY_TOO_LONG: 13,
  INDEX_NOT_UNIQUE: 14,
  NO_SUCH_ROW: 15,
  AUTO_INC_OVERFLOW: 16,
  WOULD_BLOCK_TRANSACTION: 17,
  TRANSACTION_NOT_ANONYMOUS: 18,
  TRANSACTION_IS_READ_ONLY: 19,
  TRANSACTION_IS_MUT: 20,
  HTTP_ERROR: 21,
} as const;

export type ErrnoName = keyof typeof Errno;
export type ErrnoCode = (typeof Errno)[ErrnoName];

/** SpacetimeDB's message for each errno (its `strerror`). */
export const ERRNO_MESSAGES: Readonly<Record<ErrnoCode, string>> = {
  1: 'ABI called by host returned an error',
  2: 'ABI call can only be made while in a transaction',
  3: "Couldn't decode the BSATN to the expected type",
  4: 'No such table',
  5: 'No such index',
  6: 'The provided row iterator is not valid',
  7: 'The provided console timer does not exist',
  8: 'The provided bytes source or sink is not valid',
  9: 'The provided sink has no more space left',
  10: 'The Index does not support range scans',
  11: 'The provided buffer is not large enough to store the data',
  12: 'Value with given unique identifier already exists',
  13: 'Specified delay in scheduling row was too long',
  14: 'The index was not unique',
  15: 'The row was not found, e.g., in an update call',
  16: 'The auto-increment sequence overflowed',
  17: 'Attempted async or blocking op while holding open a transaction',
  18: 'Not in an anonymous transaction. Called by a reducer?',
  19: 'ABI call can only be made while within a mutable transaction',
  20: 'ABI call can only be made while within a read-only transaction',
  21: 'The HTTP request failed',
};

/** A datastore operation failed the way the SpacetimeDB syscall with `errno` fails. */
export class DatastoreError extends Error {
  constructor(
    readonly errno: ErrnoCode,
    detail?: string,
  ) {
    super(detail === undefined ? ERRNO_MESSAGES[errno] : `${ERRNO_MESSAGES[errno]}: ${detail}`);
    this.name = 'DatastoreError';
  }
}
