import { types } from 'node:util';
import type { MutTx, ReadTx } from '../datastore/datastore.js';
import type { Realm } from './create-realm.js';
import { Errno, isErrno, strerror } from './errno.js';
import type { ModuleHost } from './module-host.js';
import { moduleFramesOnly } from './module-stack.js';
import { RowIterators } from './row-iterators.js';
import { SyscallError } from './syscall-error.js';

export type ErrorConstructorLookup = (code: number) => new (message: string) => Error;

interface ConsoleTimer {
  readonly name: string;
  readonly startedAt: number;
}

/**
 * The state one module instance's syscalls share: the transaction of the
 * running call, its row iterators and console timers, the realm, and the
 * conversion of host failures into the module's own error classes.
 */
export class SyscallEnv {
  readonly iterators = new RowIterators();
  readonly timers = new Map<number, ConsoleTimer>();
  nextTimerId = 0;
  /** The transaction syscalls read from, if any. */
  tx: ReadTx | undefined;
  /** The same transaction when it may be written. */
  mutTx: MutTx | undefined;
  /** A procedure's own transaction (opened by `procedure_start_mut_tx`). */
  inAnonTx = false;
  /** True while the host is inside a hook call (not during load or between calls). */
  inCall = false;
  /** The function name log records carry. */
  functionName: string | undefined;
  /** A host failure the module must not be able to swallow (SpacetimeDB terminates the call). */
  trap: unknown;
  /** Set once the module's hooks exist; before that errors are plain `Error`s, as in SpacetimeDB. */
  errorConstructor: ErrorConstructorLookup | undefined;

  #lastBuffer: ArrayBuffer | undefined;
  #lastView: Uint8Array = new Uint8Array(0);
  #lastPrefixBase: Uint8Array | undefined;
  #lastPrefix: Uint8Array = new Uint8Array(0);

  constructor(
    readonly realm: Realm,
    readonly host: ModuleHost,
  ) {}

  /** A byte view of a buffer the module passed, cached because the library reuses a few buffers. */
  bytesOf(buffer: unknown): Uint8Array {
    // Buffers cannot be detached in the module realm (it has no transfer or structuredClone),
    // so the same buffer always has the same bytes.
    if (buffer === this.#lastBuffer) return this.#lastView;
    if (!types.isArrayBuffer(buffer)) throw new this.realm.TypeError('expected an `ArrayBuffer`');
    this.#lastBuffer = buffer;
    this.#lastView = new Uint8Array(buffer);
    return this.#lastView;
  }

  /** `bytes[0..length]`, or the RangeError SpacetimeDB throws for a length past the buffer. */
  prefix(bytes: Uint8Array, length: number): Uint8Array {
    const last = this.#lastPrefix;
    // The same buffer and length as last time (a point key, a row of a fixed-size table): reuse the view.
    if (bytes === this.#lastPrefixBase && last.length === length) return last;
    if (length > bytes.length) this.outOfBounds();
    this.#lastPrefixBase = bytes;
    this.#lastPrefix = bytes.subarray(0, length);
    return this.#lastPrefix;
  }

  outOfBounds(): never {
    throw new this.realm.RangeError('length argument was out of bounds for `ArrayBuffer`');
  }

  u32(value: unknown, what: string): number {
    if (typeof value !== 'number' || value >>> 0 !== value) {
      throw new this.realm.TypeError(`${what} must be a u32`);
    }
    return value;
  }

  u128(value: unknown, what: string): bigint {
    if (typeof value !== 'bigint' || value < 0n || value >> 128n !== 0n) {
      throw new this.realm.TypeError(`${what} must be a u128 bigint`);
    }
    return value;
  }

  readTx(): ReadTx {
    const tx = this.tx;
    if (tx === undefined) throw new SyscallError(Errno.NOT_IN_TRANSACTION);
    return tx;
  }

  writeTx(): MutTx {
    const tx = this.mutTx;
    if (tx !== undefined) return tx;
    throw new SyscallError(
      this.tx === undefined ? Errno.NOT_IN_TRANSACTION : Errno.TRANSACTION_IS_READ_ONLY,
    );
  }

  /**
   * What a syscall throws into the module for `error`: the module's class for a
   * SpacetimeDB errno, realm errors unchanged, anything else becomes a trap.
   */
  toModuleError(error: unknown): unknown {
    if (error instanceof SyscallError) return this.codeError(error.errno, error.message);
    if (isHostErrnoError(error)) return this.codeError(error.errno, strerror(error.errno));
    if (error instanceof this.realm.Error || isPlainRealmValue(error)) return error;
    this.trap ??= error;
    const detail = error instanceof Error ? error.message : String(error);
    return new this.realm.Error(`host error: ${detail}`);
  }

  codeError(code: number, message: string): Error {
    const lookup = this.errorConstructor;
    if (lookup === undefined) return new this.realm.Error(message);
    const ErrorClass = lookup(code);
    const error = new ErrorClass(message);
    if (typeof error.stack === 'string') error.stack = moduleFramesOnly(error.stack);
    return error;
  }

  /** Starts a hook call; `tx` is the transaction its syscalls use (none for procedures). */
  beginCall(functionName: string, tx: ReadTx | undefined, mutTx: MutTx | undefined): void {
    this.inCall = true;
    this.functionName = functionName;
    this.tx = tx;
    this.mutTx = mutTx;
    this.inAnonTx = false;
    this.trap = undefined;
  }

  /**
   * Ends a hook call, dropping what it left open as SpacetimeDB does. Returns
   * a procedure transaction the module never closed, for the host to abort.
   */
  endCall(): MutTx | undefined {
    const dangling = this.inAnonTx ? this.mutTx : undefined;
    this.iterators.closeAll();
    if (this.timers.size > 0) this.timers.clear();
    this.inCall = false;
    this.inAnonTx = false;
    this.tx = undefined;
    this.mutTx = undefined;
    return dangling;
  }
}

/**
 * A datastore error carries SpacetimeDB's errno, e.g. 12 for a unique
 * violation (Node's system errors use negative numbers, so they never match).
 */
function isHostErrnoError(error: unknown): error is { errno: number } {
  return error instanceof Error && isErrno((error as { errno?: unknown }).errno);
}

/** `{ __buffer_too_small__ }` and similar protocol objects pass through untouched. */
function isPlainRealmValue(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '__buffer_too_small__' in error;
}
