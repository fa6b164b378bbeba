/**
 * SpacetimeDB's syscall error numbers and their messages
 * (`crates/primitives/src/errno.rs`). The module library maps each number to
 * one of its own error classes through `__get_error_constructor__`.
 */
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

export type ErrnoCode = (typeof Errno)[keyof typeof Errno];

const MESSAGES: Readonly<Record<number, string>> = {
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

/** The message SpacetimeDB gives a module for `code` ("Unknown error" for unknown codes). */
export function strerror(code: number): string {
  return MESSAGES[code] ?? 'Unknown error';
}

/** True for the numbers SpacetimeDB defines, so host errors carrying one can reach the module. */
export function isErrno(code: unknown): code is ErrnoCode {
  return typeof code === 'number' && MESSAGES[code] !== undefined;
}
