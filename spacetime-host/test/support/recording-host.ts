// A ModuleHost double that records what the module asked of its database.
import { nowMicros } from '../../src/clock/wall-clock.js';
import type { Datastore, MutTx } from '../../src/datastore/datastore.js';
import type { ModuleHost, ModuleLogEntry } from '../../src/runtime/module-host.js';

export class RecordingHost implements ModuleHost {
  readonly databaseIdentity = 0xc200_1234n;
  readonly logs: ModuleLogEntry[] = [];
  readonly jwts = new Map<bigint, string>();
  readonly immediate: { reducer: string; args: Uint8Array }[] = [];
  readonly procedureTxs: { committed: number; aborted: number } = { committed: 0, aborted: 0 };
  scheduledTables: ReadonlySet<number> = new Set();
  scheduledRowsSeen: { tableId: number; row: Uint8Array }[] = [];
  refuseScheduledRows: Error | undefined;

  constructor(readonly datastore?: Datastore) {}

  now(): bigint {
    return nowMicros();
  }

  jwtPayload(connectionId: bigint): string | undefined {
    return this.jwts.get(connectionId);
  }

  log(entry: ModuleLogEntry): void {
    this.logs.push(entry);
  }

  /** The values the probe module reported, parsed back from JSON. */
  reports(): unknown[] {
    return this.logs
      .filter((l) => l.message.startsWith('REPORT '))
      .map((l) => JSON.parse(l.message.slice('REPORT '.length)));
  }

  scheduleImmediate(reducer: string, args: Uint8Array): void {
    this.immediate.push({ reducer, args });
  }

  beginProcedureTx(): MutTx {
    if (this.datastore === undefined) throw new Error('no datastore');
    return this.datastore.beginMutTx();
  }

  commitProcedureTx(tx: MutTx): void {
    tx.commit(0n);
    this.procedureTxs.committed++;
  }

  abortProcedureTx(tx: MutTx): void {
    tx.rollback();
    this.procedureTxs.aborted++;
  }

  checkScheduledRow(tableId: number, row: Uint8Array): void {
    this.scheduledRowsSeen.push({ tableId, row: Uint8Array.from(row) });
    if (this.refuseScheduledRows) throw this.refuseScheduledRows;
  }
}
