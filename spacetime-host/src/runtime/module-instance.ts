import { types } from 'node:util';
import type { MutTx, ReadTx } from '../datastore/datastore.js';
import { createRealm, type Realm } from './create-realm.js';
import { loadHooks, type ModuleHooks } from './load-hooks.js';
import { lowerBundle } from './lower-bundle.js';
import { ModuleExecutionError, ModuleLoadError, ModuleSenderError } from './module-errors.js';
import type { ModuleHost } from './module-host.js';
import { moduleFramesOnly } from './module-stack.js';
import { createSysRequire } from './sys-modules.js';
import { SyscallEnv } from './syscall-env.js';

/** Reducer arguments up to this size reuse one buffer, as SpacetimeDB's V8 host does. */
const ARGS_BUFFER_SIZE = 4096;

/**
 * One loaded module: its sandboxed realm, its syscalls and its hooks. Calls
 * are synchronous; the caller passes the transaction the call may use and
 * gets `ModuleSenderError` / `ModuleExecutionError` when the call fails.
 */
export class ModuleInstance {
  /** BSATN of the module's `RawModuleDef`, from `__describe_module__`. */
  readonly rawModuleDef: Uint8Array;
  readonly #env: SyscallEnv;
  readonly #realm: Realm;
  readonly #hooks: ModuleHooks;
  readonly #argsBuffer: ArrayBuffer;
  readonly #argsBytes: Uint8Array;
  /** DataViews over the shared args buffer by length; a reducer's args are usually one size. */
  readonly #argsViews = new Map<number, DataView>();

  private constructor(env: SyscallEnv, hooks: ModuleHooks, rawModuleDef: Uint8Array) {
    this.#env = env;
    this.#realm = env.realm;
    this.#hooks = hooks;
    this.rawModuleDef = rawModuleDef;
    this.#argsBuffer = new env.realm.ArrayBuffer(ARGS_BUFFER_SIZE);
    this.#argsBytes = new Uint8Array(this.#argsBuffer);
  }

  /** Evaluates a module bundle (ESM, as `spacetime build` writes it) in a fresh realm. */
  static load(program: string, host: ModuleHost): ModuleInstance {
    const code = lowerBundle(program);
    const realm = createRealm();
    const env = new SyscallEnv(realm, host);
    const hooks = loadHooks(realm, code, createSysRequire(env));
    env.errorConstructor = (code) => hooks.__get_error_constructor__(code);
    let description: unknown;
    try {
      description = hooks.__describe_module__();
    } catch (error) {
      throw new ModuleLoadError(`__describe_module__ failed: ${describeThrown(error)}`, {
        cause: error,
      });
    }
    if (!types.isUint8Array(description)) {
      throw new ModuleLoadError('__describe_module__ did not return bytes');
    }
    return new ModuleInstance(env, hooks, Uint8Array.from(description));
  }

  /** Runs reducer `reducerId` in `tx`; returns normally only when the reducer succeeded. */
  callReducer(
    reducerId: number,
    name: string,
    sender: bigint,
    connectionId: bigint,
    timestamp: bigint,
    args: Uint8Array,
    tx: MutTx,
  ): void {
    const env = this.#env;
    env.beginCall(name, tx, tx);
    let returned: unknown;
    try {
      returned = this.#hooks.__call_reducer__(
        reducerId,
        sender,
        connectionId,
        timestamp,
        this.#argsView(args),
      );
    } catch (error) {
      throw this.#failure(error);
    } finally {
      env.endCall();
    }
    this.#checkTrap();
    if (returned !== undefined) {
      throw new ModuleExecutionError('TypeError: Reducer returned a value other than `undefined`');
    }
  }

  /**
   * Runs view function `fnIndex` (its position among views of its kind) over
   * `tx`; `sender` is absent for anonymous views. Returns the view's bytes: a
   * `ViewResultHeader` followed by the rows or the SQL.
   */
  callView(
    fnIndex: number,
    name: string,
    sender: bigint | undefined,
    args: Uint8Array,
    tx: ReadTx,
  ): Uint8Array {
    const env = this.#env;
    env.beginCall(name, tx, undefined);
    let returned: unknown;
    try {
      const argsCopy = this.#realm.copyBytes(args);
      returned =
        sender === undefined
          ? this.#hooks.__call_view_anon__(fnIndex, argsCopy)
          : this.#hooks.__call_view__(fnIndex, sender, argsCopy);
    } catch (error) {
      throw this.#failure(error);
    } finally {
      env.endCall();
    }
    this.#checkTrap();
    const data = (returned as { data?: unknown } | null)?.data;
    if (!types.isUint8Array(data)) {
      throw new ModuleExecutionError('TypeError: view did not return an object with `data` bytes');
    }
    return Uint8Array.from(data);
  }

  /**
   * Runs procedure `id`. It opens and closes its own transactions through the
   * host; one it leaves open is aborted and logged, as SpacetimeDB does.
   */
  callProcedure(
    id: number,
    name: string,
    sender: bigint,
    connectionId: bigint,
    timestamp: bigint,
    args: Uint8Array,
  ): Uint8Array {
    const env = this.#env;
    env.beginCall(name, undefined, undefined);
    let returned: unknown;
    try {
      returned = this.#hooks.__call_procedure__(
        id,
        sender,
        connectionId,
        timestamp,
        this.#realm.copyBytes(args),
      );
    } catch (error) {
      throw this.#failure(error);
    } finally {
      const dangling = env.endCall();
      if (dangling !== undefined) {
        env.host.abortProcedureTx(dangling);
        env.host.log({
          level: 'error',
          ts: env.host.now(),
          message: `aborting dangling anonymous transaction in procedure ${name}`,
        });
      }
    }
    this.#checkTrap();
    if (!types.isUint8Array(returned)) {
      throw new ModuleExecutionError('TypeError: procedure did not return bytes');
    }
    return Uint8Array.from(returned);
  }

  #argsView(args: Uint8Array): DataView {
    const realm = this.#realm;
    const length = args.length;
    if (length <= ARGS_BUFFER_SIZE) {
      this.#argsBytes.set(args, 0);
      let view = this.#argsViews.get(length);
      if (view === undefined) {
        view = new realm.DataView(this.#argsBuffer, 0, length);
        this.#argsViews.set(length, view);
      }
      return view;
    }
    const buffer = new realm.ArrayBuffer(args.length);
    new Uint8Array(buffer).set(args);
    return new realm.DataView(buffer, 0, args.length);
  }

  #checkTrap(): void {
    const trap = this.#env.trap;
    if (trap !== undefined) {
      throw new ModuleExecutionError(`host error during the call: ${describeThrown(trap)}`);
    }
  }

  #failure(error: unknown): Error {
    const trap = this.#env.trap;
    if (trap !== undefined) {
      return new ModuleExecutionError(`host error during the call: ${describeThrown(trap)}`);
    }
    if (
      typeof error === 'object' &&
      error !== null &&
      error instanceof this.#hooks.__sender_error_class__
    ) {
      return new ModuleSenderError(safeString((error as { message?: unknown }).message));
    }
    const stack =
      typeof error === 'object' && error !== null
        ? (error as { stack?: unknown }).stack
        : undefined;
    return new ModuleExecutionError(
      describeThrown(error),
      typeof stack === 'string' ? moduleFramesOnly(stack) : undefined,
    );
  }
}

/** `String(error)` ("Error: message"), never throwing on odd values. */
export function describeThrown(error: unknown): string {
  return safeString(error);
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
