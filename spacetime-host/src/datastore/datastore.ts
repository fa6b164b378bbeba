import type { ModuleSchema } from '../schema/module-schema.js';

/**
 * The contract between the datastore and everything that reads or writes it
 * (the syscalls, SQL, durability). Rows cross it as BSATN bytes, exactly as
 * the module and the commit log carry them.
 *
 * Errors are thrown as `DatastoreError` (datastore/datastore-error.ts) whose
 * `errno` is SpacetimeDB's syscall errno (e.g. 12 UNIQUE_ALREADY_EXISTS,
 * 14 INDEX_NOT_UNIQUE, 15 NO_SUCH_ROW, 10 WRONG_INDEX_ALGO, 4 NO_SUCH_TABLE,
 * 5 NO_SUCH_INDEX, 3 BSATN_DECODE_ERROR).
 */
export interface Datastore {
  readonly schema: ModuleSchema;
  /** Starts the only mutable transaction; throws if one is already open. */
  beginMutTx(): MutTx;
  /** Reads the committed state (no mutable transaction may be open while it is used). */
  readonly committed: ReadTx;
  /** Offset of the last committed transaction (0n before the first). */
  readonly txOffset: bigint;
  /** Every table's rows and every sequence's state, for a snapshot. */
  exportState(): DatastoreState;
  /** Applies a recorded transaction during recovery, without calling the module. */
  replay(changes: TxChanges): void;
}

export interface ReadTx {
  tableIdFromName(name: string): number;
  indexIdFromName(name: string): number;
  rowCount(tableId: number): number;
  /** Rows in insertion-independent but stable order; a snapshot, safe to mutate the table meanwhile. */
  scan(tableId: number): Uint8Array[];
  /** `key` is the concatenated BSATN of the index's columns. */
  indexScanPoint(indexId: number, key: Uint8Array): Uint8Array[];
  /** Arguments exactly as `datastore_index_scan_range_bsatn` receives them. */
  indexScanRange(indexId: number, range: RangeArgs): Uint8Array[];
}

export interface RangeArgs {
  readonly buf: Uint8Array;
  readonly prefixLen: number;
  readonly prefixElems: number;
  readonly rstartLen: number;
  readonly rendLen: number;
}

export interface WriteResult {
  /** The row as stored, with generated (auto-increment) values filled in. */
  readonly row: Uint8Array;
  /** BSATN of only the generated columns, in column order (empty when none). */
  readonly generated: Uint8Array;
}

export interface MutTx extends ReadTx {
  insert(tableId: number, row: Uint8Array): WriteResult;
  /** Replaces the row whose value in the unique index `indexId` equals the new row's. */
  update(tableId: number, indexId: number, row: Uint8Array): WriteResult;
  /** `rows` is a BSATN Vec of rows; returns how many were present and deleted. */
  deleteAllByEq(tableId: number, rows: Uint8Array): number;
  deleteByIndexPoint(indexId: number, key: Uint8Array): number;
  deleteByIndexRange(indexId: number, range: RangeArgs): number;
  clear(tableId: number): number;
  /** Makes the writes visible and returns the net changes (empty tables omitted). */
  commit(timestamp: bigint): TxChanges;
  /** Undoes every write of this transaction. */
  rollback(): void;
}

/** Net effect of one transaction: a row inserted and deleted within it appears in neither list. */
export interface TxChanges {
  readonly txOffset: bigint;
  readonly timestamp: bigint;
  readonly tables: readonly TableChanges[];
}

export interface TableChanges {
  readonly tableId: number;
  /** Name too, so a commit log stays readable across compatible migrations. */
  readonly tableName: string;
  readonly inserts: readonly Uint8Array[];
  readonly deletes: readonly Uint8Array[];
}

export interface DatastoreState {
  readonly txOffset: bigint;
  readonly tables: readonly { readonly tableName: string; readonly rows: readonly Uint8Array[] }[];
  /** Next value of each sequence, keyed `${tableName}.${colId}`. */
  readonly sequences: Readonly<Record<string, bigint>>;
}
