import { type ErrnoCode, strerror } from './errno.js';

/**
 * A syscall failure the module should see as its own error class for `errno`
 * (e.g. `NoSuchRow`). The host throws it; the syscall boundary converts it.
 */
export class SyscallError extends Error {
  override readonly name = 'SyscallError';

  constructor(
    readonly errno: ErrnoCode,
    /** Overrides the standard message, as SpacetimeDB does for HTTP errors. */
    message: string = strerror(errno),
  ) {
    super(message);
  }
}
