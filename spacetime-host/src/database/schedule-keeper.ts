import type { Clock } from '../clock/clock.js';
import type { Datastore, MutTx, ReadTx, TxChanges } from '../datastore/datastore.js';
import { Errno } from '../runtime/errno.js';
import { SyscallError } from '../runtime/syscall-error.js';
import type { FunctionSchema, ModuleSchema, ReducerSchema } from '../schema/module-schema.js';
import type { ProcedureOutcome } from './database-api.js';
import type { ReducerRun } from './execute-reducer.js';
import {
  delayMicros,
  MAX_SCHEDULE_DELAY_MICROS,
  nextIntervalTick,
  type ScheduleAt,
  ScheduledRowReader,
} from './scheduled-row.js';
import { type DueSchedule, Scheduler } from './scheduler.js';

/** What running a due schedule needs from its database. */
export interface ScheduleContext {
  readonly datastore: Datastore;
  runReducer(reducer: ReducerSchema, args: Uint8Array, tx: MutTx, timestamp: bigint): ReducerRun;
  runProcedure(
    procedure: FunctionSchema,
    args: Uint8Array,
  ): { outcome: ProcedureOutcome; commits: Promise<void>[] };
  /** Commits an internal transaction (e.g. deleting a one-shot row) and returns when it is durable. */
  commit(tx: MutTx): Promise<void>;
  logError(message: string): void;
}

interface ScheduleTable {
  readonly reader: ScheduledRowReader;
  /** An index on exactly the schedule id column, to find a due row by its id. */
  readonly idIndexId: number | undefined;
}

/**
 * Scheduled reducers and procedures, as SpacetimeDB's scheduler.rs runs
 * them: a row in a schedule table fires its function at its `ScheduleAt`,
 * with the row as the argument and the database as the sender. A one-shot
 * row is deleted after the call (whether it succeeded or not), an interval
 * row is re-armed for its next tick, a deleted row never fires. Timers follow
 * committed changes and are re-armed from the tables when a database opens.
 */
export class ScheduleKeeper {
  readonly tableIds: ReadonlySet<number>;
  readonly #tables = new Map<number, ScheduleTable>();
  readonly #scheduler: Scheduler;

  constructor(
    private readonly schema: ModuleSchema,
    private readonly clock: Clock,
    onDue: (due: DueSchedule) => void,
  ) {
    for (const table of schema.tables) {
      const schedule = table.schedule;
      if (schedule === undefined) continue;
      const idIndex = table.indexes.find(
        (index) => index.columns.length === 1 && index.columns[0] === schedule.idColumn,
      );
      this.#tables.set(table.tableId, {
        reader: new ScheduledRowReader(table, schema),
        idIndexId: idIndex?.indexId,
      });
    }
    this.tableIds = new Set(this.#tables.keys());
    this.#scheduler = new Scheduler(onDue, clock);
  }

  /** Refuses a row scheduled too far ahead, as `datastore_insert_bsatn` does (SCHEDULE_AT_DELAY_TOO_LONG). */
  check(tableId: number, row: Uint8Array, now: bigint): void {
    const table = this.#tables.get(tableId);
    if (table === undefined) return;
    if (delayMicros(table.reader.read(row).at, now) >= MAX_SCHEDULE_DELAY_MICROS) {
      throw new SyscallError(Errno.SCHEDULE_AT_DELAY_TOO_LONG);
    }
  }

  /** Follows a committed transaction: deleted rows are disarmed, inserted (or updated) rows armed. */
  apply(changes: TxChanges): void {
    if (this.#tables.size === 0) return;
    for (const change of changes.tables) {
      const table = this.#tables.get(change.tableId);
      if (table === undefined) continue;
      for (const row of change.deletes)
        this.#scheduler.disarm(change.tableId, table.reader.read(row).id);
      const now = this.clock.now();
      for (const row of change.inserts) {
        const { id, at } = table.reader.read(row);
        this.#scheduler.arm(change.tableId, id, intendedAt(at, now));
      }
    }
  }

  /** Arms every row of every schedule table, when a database opens. */
  armAll(tx: ReadTx): void {
    const now = this.clock.now();
    for (const [tableId, table] of this.#tables) {
      for (const row of tx.scan(tableId)) {
        const { id, at } = table.reader.read(row);
        this.#scheduler.arm(tableId, id, intendedAt(at, now));
      }
    }
  }

  /** Runs a due row's function, then deletes a one-shot row or re-arms an interval one. */
  run(due: DueSchedule, context: ScheduleContext): void {
    const table = this.#tables.get(due.tableId);
    const schedule = this.schema.tables[due.tableId]?.schedule;
    if (table === undefined || schedule === undefined) return;
    const tx = context.datastore.beginMutTx();
    const row = this.#findRow(tx, due, table);
    if (row === undefined) {
      // The row was deleted: the schedule was cancelled.
      tx.rollback();
      return;
    }
    const logDurability = (error: unknown) =>
      context.logError(`commit failed to become durable: ${error}`);
    if (schedule.procedureId !== undefined) {
      // A procedure is not retried if it stops midway, so its row goes first.
      this.#finish(tx, due, table, row, context);
      const procedure = this.schema.procedures[schedule.procedureId]!;
      for (const commit of context.runProcedure(procedure, row).commits)
        commit.catch(logDurability);
      return;
    }
    const reducer = this.schema.reducers[schedule.reducerId!]!;
    const now = this.clock.now();
    // The call's timestamp is at least the time it was scheduled for (bigints: no Math.max).
    // biome-ignore lint/complexity/useMathMinMax: Math.max does not take bigints
    const timestamp = due.intendedAt > now ? due.intendedAt : now;
    context.runReducer(reducer, row, tx, timestamp).durable.catch(logDurability);
    const after = context.datastore.beginMutTx();
    const stillThere = this.#findRow(after, due, table);
    if (stillThere === undefined) after.rollback();
    else this.#finish(after, due, table, stillThere, context);
  }

  close(): void {
    this.#scheduler.close();
  }

  /** In `tx`: deletes a one-shot row and commits, or re-arms an interval row and rolls back. */
  #finish(
    tx: MutTx,
    due: DueSchedule,
    table: ScheduleTable,
    row: Uint8Array,
    context: ScheduleContext,
  ): void {
    const { at } = table.reader.read(row);
    if (at.kind === 'interval') {
      tx.rollback();
      this.#scheduler.arm(
        due.tableId,
        due.scheduleId,
        nextIntervalTick(due.intendedAt, at.micros, this.clock.now()),
      );
      return;
    }
    const relation = new Uint8Array(4 + row.length);
    relation[0] = 1;
    relation.set(row, 4);
    tx.deleteAllByEq(due.tableId, relation);
    context
      .commit(tx)
      .catch((error) => context.logError(`commit failed to become durable: ${error}`));
  }

  #findRow(tx: ReadTx, due: DueSchedule, table: ScheduleTable): Uint8Array | undefined {
    if (table.idIndexId !== undefined) {
      const key = new Uint8Array(8);
      new DataView(key.buffer).setBigUint64(0, due.scheduleId, true);
      const found = tx.indexScanPoint(table.idIndexId, key)[0];
      return found === undefined ? undefined : Uint8Array.from(found);
    }
    const found = tx.scan(due.tableId).find((row) => table.reader.read(row).id === due.scheduleId);
    return found === undefined ? undefined : Uint8Array.from(found);
  }
}

/** When a newly written row is due: its time, or one interval from now. */
function intendedAt(at: ScheduleAt, now: bigint): bigint {
  return at.kind === 'time' ? at.micros : now + delayMicros(at, now);
}
