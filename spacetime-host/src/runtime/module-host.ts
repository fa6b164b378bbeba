import type { MutTx } from '../datastore/datastore.js';

export type ModuleLogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'panic';

/** One `console_log` (or timer) record from the module, as SpacetimeDB's database logger keeps it. */
export interface ModuleLogEntry {
  readonly level: ModuleLogLevel;
  /** Microseconds since the Unix epoch. */
  readonly ts: bigint;
  readonly filename?: string;
  readonly lineNumber?: number;
  /** The reducer, view or procedure running when the module logged. */
  readonly function?: string;
  readonly message: string;
}

/**
 * What a module instance needs from the database that runs it. The runtime
 * owns the module-facing ABI; the database owns transactions, durability,
 * logs and scheduling.
 */
export interface ModuleHost {
  readonly databaseIdentity: bigint;
  /** The database's time (microseconds since the Unix epoch), for log records and procedure transactions. */
  now(): bigint;
  /** The JWT claims (JSON text) of a connected client, for `get_jwt_payload`. */
  jwtPayload(connectionId: bigint): string | undefined;
  log(entry: ModuleLogEntry): void;
  /** `volatile_nonatomic_schedule_immediate`: run `reducerName` soon, outside this transaction. */
  scheduleImmediate(reducerName: string, args: Uint8Array): void;
  /** Opens the transaction a procedure asked for with `procedure_start_mut_tx`. */
  beginProcedureTx(): MutTx;
  /** Commits a procedure's transaction (and makes it durable in the background). */
  commitProcedureTx(tx: MutTx): void;
  abortProcedureTx(tx: MutTx): void;
  /** Ids of the tables whose rows schedule a reducer (rows written there go through `checkScheduledRow`). */
  readonly scheduledTables: ReadonlySet<number>;
  /** Throws `SyscallError(SCHEDULE_AT_DELAY_TOO_LONG)` to refuse a scheduled row, as SpacetimeDB does. */
  checkScheduledRow(tableId: number, row: Uint8Array): void;
}
