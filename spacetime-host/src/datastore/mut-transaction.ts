import { BsatnError } from '../sats/bsatn-error.js';
import { splitBsatnVec } from '../sats/bsatn-skipper.js';
import type { MutTx, RangeArgs, TableChanges, TxChanges, WriteResult } from './datastore.js';
import { DatastoreError, Errno } from './datastore-error.js';
import { netChanges } from './net-changes.js';
import { keyRange, pointKey, ReadView } from './read-view.js';
import { bytesEqual } from './row-bytes.js';
import type { Table } from './table.js';
import type { TableCatalog } from './table-catalog.js';
import { type UndoLog, UndoOp } from './undo-log.js';

/** How a transaction hands its outcome back to the datastore that opened it. */
export interface TransactionOwner {
  /** Called once the writes are final; returns the numbered changes. */
  txCommitted(tables: TableChanges[], timestamp: bigint): TxChanges;
  /** Called when the transaction ends either way. */
  txEnded(): void;
}

/**
 * The one mutable transaction. Writes go straight into the tables and are
 * recorded in an undo log; rollback replays the log backwards, so every row,
 * index entry and slot returns to where it was (sequences keep their values,
 * as in SpacetimeDB).
 */
export class MutTransaction extends ReadView implements MutTx {
  private open = true;

  constructor(
    catalog: TableCatalog,
    private readonly log: UndoLog,
    private readonly owner: TransactionOwner,
  ) {
    super(catalog);
  }

  insert(tableId: number, row: Uint8Array): WriteResult {
    this.checkUsable();
    const table = this.catalog.table(tableId);
    table.validate(row);
    const copy = row.slice();
    const generated = table.generate(copy);
    const same = table.findSame(copy);
    if (same >= 0) return { row: table.rows[same]!, generated };
    const keys = table.keysOf(copy);
    table.checkUnique(keys);
    this.log.push(UndoOp.Insert, tableId, table.insert(copy, keys), undefined);
    return { row: copy, generated };
  }

  update(tableId: number, indexId: number, row: Uint8Array): WriteResult {
    this.checkUsable();
    const table = this.catalog.table(tableId);
    table.validate(row);
    const copy = row.slice();
    const generated = table.generate(copy);
    const index = this.catalog.index(indexId);
    if (this.catalog.tableOfIndex(indexId) !== table) {
      throw new DatastoreError(
        Errno.NO_SUCH_INDEX,
        `index ${indexId} is not on table \`${table.name}\``,
      );
    }
    if (!index.unique) {
      throw new DatastoreError(Errno.INDEX_NOT_UNIQUE, `index \`${index.schema.name}\``);
    }
    const rowId = index.find(index.keyOf(copy));
    if (rowId === undefined) {
      throw new DatastoreError(
        Errno.NO_SUCH_ROW,
        `no row in \`${table.name}\` has this \`${index.schema.name}\` key`,
      );
    }
    const old = table.rows[rowId]!;
    if (bytesEqual(old, copy)) return { row: old, generated };
    const keys = table.keysOf(copy);
    table.checkUnique(keys, rowId, index);
    table.replace(rowId, copy, keys);
    this.log.push(UndoOp.Update, tableId, rowId, old);
    return { row: copy, generated };
  }

  deleteAllByEq(tableId: number, rows: Uint8Array): number {
    this.checkUsable();
    const table = this.catalog.table(tableId);
    let candidates: Uint8Array[];
    try {
      candidates = splitBsatnVec(table.skipper, rows);
    } catch (error) {
      if (!(error instanceof BsatnError)) throw error;
      throw new DatastoreError(
        Errno.BSATN_DECODE_ERROR,
        `rows for table \`${table.name}\`: ${error.message}`,
      );
    }
    let deleted = 0;
    for (const candidate of candidates) {
      const rowId = table.findSame(candidate);
      if (rowId < 0) continue;
      this.deleteRow(table, rowId);
      deleted++;
    }
    return deleted;
  }

  deleteByIndexPoint(indexId: number, key: Uint8Array): number {
    this.checkUsable();
    const index = this.catalog.index(indexId);
    const rowIds: number[] = [];
    index.collectPoint(pointKey(index, key), rowIds);
    return this.deleteRows(this.catalog.tableOfIndex(indexId), rowIds);
  }

  deleteByIndexRange(indexId: number, range: RangeArgs): number {
    this.checkUsable();
    const index = this.catalog.index(indexId);
    const rowIds: number[] = [];
    index.collectRange(keyRange(index, range), rowIds);
    return this.deleteRows(this.catalog.tableOfIndex(indexId), rowIds);
  }

  clear(tableId: number): number {
    this.checkUsable();
    const table = this.catalog.table(tableId);
    const rowIds: number[] = [];
    table.rows.forEach((row, rowId) => {
      if (row !== undefined) rowIds.push(rowId);
    });
    return this.deleteRows(table, rowIds);
  }

  commit(timestamp: bigint): TxChanges {
    this.checkUsable();
    const tables = netChanges(this.log, this.catalog.tables);
    this.end();
    return this.owner.txCommitted(tables, timestamp);
  }

  rollback(): void {
    this.checkUsable();
    const { log } = this;
    for (let i = log.length - 1; i >= 0; i--) {
      const table = this.catalog.tables[log.tableIds[i]!]!;
      const rowId = log.rowIds[i]!;
      switch (log.ops[i]) {
        case UndoOp.Insert:
          table.delete(rowId);
          break;
        case UndoOp.Delete:
          table.restore(rowId, log.olds[i]!);
          break;
        case UndoOp.Update: {
          const old = log.olds[i]!;
          table.replace(rowId, old, table.keysOf(old));
          break;
        }
      }
    }
    this.end();
  }

  /**
   * Applies recorded changes during recovery: all deletes, then all inserts,
   * by table name, without generating sequence values (sequences move past
   * the values they find instead). Throws if the changes do not fit the state.
   */
  applyRecorded(changes: TxChanges): void {
    this.checkUsable();
    for (const { tableName, deletes } of changes.tables) {
      const table = this.catalog.tableByName(tableName);
      for (const row of deletes) {
        const rowId = table.findSame(row);
        if (rowId < 0) {
          throw new DatastoreError(
            Errno.NO_SUCH_ROW,
            `replay: a deleted row is not in \`${table.name}\``,
          );
        }
        this.deleteRow(table, rowId);
      }
    }
    for (const { tableName, inserts } of changes.tables) {
      const table = this.catalog.tableByName(tableName);
      for (const row of inserts) {
        table.validate(row);
        const copy = row.slice();
        if (table.findSame(copy) >= 0) {
          throw new DatastoreError(
            Errno.UNIQUE_ALREADY_EXISTS,
            `replay: row already in \`${table.name}\``,
          );
        }
        const keys = table.keysOf(copy);
        table.checkUnique(keys);
        this.log.push(UndoOp.Insert, table.id, table.insert(copy, keys), undefined);
        table.skipSequencesPast(copy);
      }
    }
  }

  /** Ends the transaction keeping its writes, without computing changes. */
  keepWithoutChanges(): void {
    this.checkUsable();
    this.end();
  }

  protected override checkUsable(): void {
    if (!this.open) throw new DatastoreError(Errno.NOT_IN_TRANSACTION, 'the transaction has ended');
  }

  private deleteRows(table: Table, rowIds: readonly number[]): number {
    for (const rowId of rowIds) this.deleteRow(table, rowId);
    return rowIds.length;
  }

  private deleteRow(table: Table, rowId: number): void {
    this.log.push(UndoOp.Delete, table.id, rowId, table.delete(rowId));
  }

  private end(): void {
    this.open = false;
    this.log.clear();
    this.owner.txEnded();
  }
}
