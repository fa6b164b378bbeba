import { types } from 'node:util';
import { consoleCallerLocation } from './console-location.js';
import { makeGuard } from './datastore-syscalls.js';
import { Errno } from './errno.js';
import { formatDuration } from './format-duration.js';
import type { ModuleLogLevel } from './module-host.js';
import type { SyscallEnv } from './syscall-env.js';
import { SyscallError } from './syscall-error.js';

const LOG_LEVELS: Readonly<Record<number, ModuleLogLevel>> = {
  0: 'error',
  1: 'warn',
  2: 'info',
  3: 'debug',
  4: 'trace',
  101: 'panic',
};

const HTTP_UNSUPPORTED = 'module outbound HTTP requests are not supported by spacetime-host';

const encoder = new TextEncoder();

/**
 * The syscalls of `spacetime:sys@2.0` that are not about tables: logging and
 * timers, identities and JWTs, procedure transactions, HTTP and immediate
 * scheduling (crates/core/src/host/v8/syscall/common.rs, instance_env.rs).
 */
export function hostSyscalls(env: SyscallEnv) {
  const guard = makeGuard(env);

  const log = (
    level: ModuleLogLevel,
    message: string,
    location: { filename?: string; lineNumber?: number },
  ) =>
    env.host.log({ level, ts: env.host.now(), function: env.functionName, message, ...location });

  const consoleLog = guard((level: unknown, message: unknown): void => {
    const code = env.u32(level, 'level') & 0xff;
    // Frames above the syscall: the library's console method, then the module's caller.
    log(LOG_LEVELS[code] ?? 'info', String(message), consoleCallerLocation(consoleLog));
  });

  const takeTxForFinish = () => {
    // A reducer's transaction is not the procedure's to finish (SpacetimeDB's NotInAnonTransaction).
    if (!env.inAnonTx) throw new SyscallError(Errno.TRANSACTION_NOT_ANONYMOUS);
    env.inAnonTx = false;
    const tx = env.mutTx;
    env.tx = undefined;
    env.mutTx = undefined;
    if (tx === undefined) throw new SyscallError(Errno.NOT_IN_TRANSACTION);
    return tx;
  };

  return {
    console_log: consoleLog,

    console_timer_start: guard((name: unknown) => {
      const id = env.nextTimerId++ >>> 0;
      env.timers.set(id, { name: String(name), startedAt: performance.now() });
      return id;
    }),

    console_timer_end: guard((spanId: unknown) => {
      const id = env.u32(spanId, 'span_id');
      const timer = env.timers.get(id);
      if (timer === undefined) throw new SyscallError(Errno.NO_SUCH_CONSOLE_TIMER);
      env.timers.delete(id);
      const elapsed = formatDuration((performance.now() - timer.startedAt) * 1e6);
      log('info', `Timing span ${JSON.stringify(timer.name)}: ${elapsed}`, {});
    }),

    identity: guard(() => env.host.databaseIdentity),

    get_jwt_payload: guard((connectionId: unknown) => {
      const id = env.u128(connectionId, 'connection_id');
      env.readTx();
      const payload = env.host.jwtPayload(id);
      return env.realm.copyBytes(
        payload === undefined ? new Uint8Array(0) : encoder.encode(payload),
      );
    }),

    procedure_start_mut_tx: guard(() => {
      if (env.tx !== undefined) throw new SyscallError(Errno.WOULD_BLOCK_TRANSACTION);
      if (!env.inCall) throw new SyscallError(Errno.NOT_IN_TRANSACTION);
      const tx = env.host.beginProcedureTx();
      env.tx = tx;
      env.mutTx = tx;
      env.inAnonTx = true;
      return env.host.now();
    }),

    procedure_commit_mut_tx: guard(() => {
      env.host.commitProcedureTx(takeTxForFinish());
    }),

    procedure_abort_mut_tx: guard(() => {
      env.host.abortProcedureTx(takeTxForFinish());
    }),

    procedure_http_request: guard(() => {
      throw new SyscallError(Errno.HTTP_ERROR, HTTP_UNSUPPORTED);
    }),

    volatile_nonatomic_schedule_immediate: guard((reducerName: unknown, args: unknown) => {
      if (typeof reducerName !== 'string')
        throw new env.realm.TypeError('reducer_name must be a string');
      if (!types.isUint8Array(args)) throw new env.realm.TypeError('args must be a Uint8Array');
      env.host.scheduleImmediate(reducerName, Uint8Array.from(args));
    }),
  };
}
