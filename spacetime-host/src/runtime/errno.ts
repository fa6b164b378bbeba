import { ERRNO_MESSAGES, Errno, type ErrnoCode } from '../datastore/datastore-error.js';

// SpacetimeDB's syscall error numbers (crates/primitives/src/errno.rs) are
// declared once, beside the datastore that raises most of them. The module
// library maps each number to one of its own error classes through
// `__get_error_constructor__`.
export { Errno, type ErrnoCode };

const MESSAGES: Readonly<Record<number, string>> = ERRNO_MESSAGES;

/** The message SpacetimeDB gives a module for `code` ("Unknown error" for unknown codes). */
export function strerror(code: number): string {
  return MESSAGES[code] ?? 'Unknown error';
}

/** True for the numbers SpacetimeDB defines, so host errors carrying one can reach the module. */
export function isErrno(code: unknown): code is ErrnoCode {
  return typeof code === 'number' && MESSAGES[code] !== undefined;
}
