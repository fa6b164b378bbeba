import { BsatnError } from '../sats/bsatn-error.js';
import { checkBsatn, compileSkipper, type Skipper } from '../sats/bsatn-skipper.js';
import { type ColumnLocator, compileColumnLocator } from '../sats/column-locator.js';
import type { IndexKey } from '../sats/index-key.js';
import type { TableSchema } from '../schema/module-schema.js';
import { DatastoreError, Errno } from './datastore-error.js';
import { bytesEqual, hashBytes } from './row-bytes.js';
import { Sequence } from './sequence.js';
import { TableIndex } from './table-index.js';

const NO_GENERATED = new Uint8Array(0);

/**
 * A table's rows and indexes. Rows are immutable BSATN byte arrays kept in
 * numbered slots; freed slots are reused last-in first-out, so undoing
 * operations in reverse order restores the exact slot layout (and scan order).
 * Table methods do not log; MutTransaction records every change it makes.
 */
export class Table {
  readonly id: number;
  readonly name: string;
  readonly indexes: readonly TableIndex[];
  readonly uniqueIndexes: readonly TableIndex[];
  readonly sequences: readonly Sequence[];
  rows: (Uint8Array | undefined)[] = [];
  count = 0;
  private readonly free: number[] = [];
  /** Per slot, the last netChanges epoch that saw it (see markTouched). */
  private readonly touched: number[] = [];
  private readonly skip: Skipper;
  private readonly keys: IndexKey[];
  private readonly sequenceColumns: ColumnLocator | undefined;
  /** Rows by content hash, for set semantics when no unique index can find a duplicate. */
  private readonly byHash: Map<number, number | number[]> | undefined;

  constructor(readonly schema: TableSchema) {
    this.id = schema.tableId;
    this.name = schema.name;
    this.skip = compileSkipper({ tag: 'Product', value: schema.rowType });
    this.indexes = schema.indexes.map((index) => new TableIndex(index, schema));
    this.uniqueIndexes = this.indexes.filter((index) => index.unique);
    this.keys = new Array<IndexKey>(this.indexes.length).fill(0);
    const sequences = [...schema.sequences].sort((a, b) => a.colId - b.colId);
    this.sequences = sequences.map((s) => new Sequence(s, schema.columns[s.colId]!.type.tag));
    this.sequenceColumns =
      sequences.length === 0
        ? undefined
        : compileColumnLocator(
            schema.columns.map((c) => c.type),
            sequences.map((s) => s.colId),
            { types: [] },
          );
    this.byHash = this.uniqueIndexes.length === 0 ? new Map() : undefined;
  }

  /** Throws BSATN_DECODE_ERROR unless `row` is exactly one value of the row type. */
  validate(row: Uint8Array): void {
    try {
      checkBsatn(this.skip, row);
    } catch (error) {
      if (error instanceof BsatnError) {
        throw new DatastoreError(
          Errno.BSATN_DECODE_ERROR,
          `row for table \`${this.name}\`: ${error.message}`,
        );
      }
      throw error;
    }
  }

  get skipper(): Skipper {
    return this.skip;
  }

  /**
   * Fills auto-increment columns holding 0 in `row` (which must be the table's
   * own copy) and returns the BSATN of just those columns, in column order.
   */
  generate(row: Uint8Array): Uint8Array {
    if (this.sequenceColumns === undefined) return NO_GENERATED;
    const offsets = this.sequenceColumns(row);
    if (this.sequences.length === 1) {
      const sequence = this.sequences[0]!;
      const offset = offsets[0]!;
      if (!sequence.isTrigger(row, offset)) return NO_GENERATED;
      sequence.write(row, offset, sequence.next());
      return row.slice(offset, offset + sequence.width);
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    for (let i = 0; i < this.sequences.length; i++) {
      const sequence = this.sequences[i]!;
      const offset = offsets[i]!;
      if (!sequence.isTrigger(row, offset)) continue;
      sequence.write(row, offset, sequence.next());
      parts.push(row.subarray(offset, offset + sequence.width));
      size += sequence.width;
    }
    if (size === 0) return NO_GENERATED;
    const generated = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      generated.set(part, at);
      at += part.length;
    }
    return generated;
  }

  /** After replay inserts `row`, keeps sequences from handing out the values it holds. */
  skipSequencesPast(row: Uint8Array): void {
    if (this.sequenceColumns === undefined) return;
    const offsets = this.sequenceColumns(row);
    this.sequences.forEach((sequence, i) => {
      sequence.skipPast(sequence.read(row, offsets[i]!));
    });
  }

  /** Keys of `row` for every index, in index order (a scratch array reused by the next call). */
  keysOf(row: Uint8Array): IndexKey[] {
    const keys = this.keys;
    for (let i = 0; i < this.indexes.length; i++) keys[i] = this.indexes[i]!.keyOf(row);
    return keys;
  }

  /** The slot of a row byte-identical to `row`, or -1. */
  findSame(row: Uint8Array): number {
    const unique = this.uniqueIndexes[0];
    if (unique !== undefined) {
      const rowId = unique.find(unique.keyOf(row));
      return rowId !== undefined && bytesEqual(this.rows[rowId]!, row) ? rowId : -1;
    }
    const bucket = this.byHash!.get(hashBytes(row));
    if (bucket === undefined) return -1;
    if (typeof bucket === 'number') return bytesEqual(this.rows[bucket]!, row) ? bucket : -1;
    for (const rowId of bucket) if (bytesEqual(this.rows[rowId]!, row)) return rowId;
    return -1;
  }

  /**
   * Throws UNIQUE_ALREADY_EXISTS if a row other than `self` holds one of
   * `keys` in a unique index (`skip` excepted, for updates through it).
   */
  checkUnique(keys: readonly IndexKey[], self = -1, skip?: TableIndex): void {
    for (let i = 0; i < this.indexes.length; i++) {
      const index = this.indexes[i]!;
      if (!index.unique || index === skip) continue;
      const holder = index.find(keys[i]!);
      if (holder !== undefined && holder !== self) {
        throw new DatastoreError(
          Errno.UNIQUE_ALREADY_EXISTS,
          `a row in \`${this.name}\` already has this value in unique index \`${index.schema.name}\``,
        );
      }
    }
  }

  /** Stores `row` (with its `keys`) in a free slot and returns the slot. */
  insert(row: Uint8Array, keys: readonly IndexKey[]): number {
    const rowId = this.free.length > 0 ? this.free.pop()! : this.rows.length;
    this.place(rowId, row, keys);
    return rowId;
  }

  /** Puts `row` back into slot `rowId`, which must be the most recently freed slot. */
  restore(rowId: number, row: Uint8Array): void {
    const at = this.free.lastIndexOf(rowId);
    if (at === this.free.length - 1) this.free.pop();
    else if (at >= 0) this.free.splice(at, 1);
    this.place(rowId, row, this.keysOf(row));
  }

  delete(rowId: number): Uint8Array {
    const row = this.rows[rowId]!;
    const keys = this.keysOf(row);
    for (let i = 0; i < this.indexes.length; i++) this.indexes[i]!.remove(keys[i]!, rowId);
    if (this.byHash) this.unhash(row, rowId);
    this.rows[rowId] = undefined;
    this.free.push(rowId);
    this.count--;
    return row;
  }

  /** Replaces the row in `rowId`, moving index entries whose key changed; returns the old row. */
  replace(rowId: number, row: Uint8Array, newKeys: readonly IndexKey[]): Uint8Array {
    const old = this.rows[rowId]!;
    for (let i = 0; i < this.indexes.length; i++) {
      const index = this.indexes[i]!;
      const oldKey = index.keyOf(old);
      if (oldKey === newKeys[i]) continue;
      index.remove(oldKey, rowId);
      index.add(newKeys[i]!, rowId);
    }
    if (this.byHash) {
      this.unhash(old, rowId);
      this.hash(row, rowId);
    }
    this.rows[rowId] = row;
    return old;
  }

  /** Marks slot `rowId` as seen in `epoch`; true the first time it is marked in that epoch. */
  markTouched(rowId: number, epoch: number): boolean {
    if (this.touched[rowId] === epoch) return false;
    this.touched[rowId] = epoch;
    return true;
  }

  /** Every row, in slot order: a snapshot that later writes do not affect. */
  scan(): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const row of this.rows) if (row !== undefined) out.push(row);
    return out;
  }

  rowsOf(rowIds: readonly number[]): Uint8Array[] {
    return rowIds.map((rowId) => this.rows[rowId]!);
  }

  private place(rowId: number, row: Uint8Array, keys: readonly IndexKey[]): void {
    for (let i = 0; i < this.indexes.length; i++) this.indexes[i]!.add(keys[i]!, rowId);
    if (this.byHash) this.hash(row, rowId);
    this.rows[rowId] = row;
    this.count++;
  }

  private hash(row: Uint8Array, rowId: number): void {
    const h = hashBytes(row);
    const bucket = this.byHash!.get(h);
    if (bucket === undefined) this.byHash!.set(h, rowId);
    else if (typeof bucket === 'number') this.byHash!.set(h, [bucket, rowId]);
    else bucket.push(rowId);
  }

  private unhash(row: Uint8Array, rowId: number): void {
    const h = hashBytes(row);
    const bucket = this.byHash!.get(h);
    if (bucket === rowId) this.byHash!.delete(h);
    else if (Array.isArray(bucket)) {
      bucket.splice(bucket.indexOf(rowId), 1);
      if (bucket.length === 1) this.byHash!.set(h, bucket[0]!);
    }
  }
}
