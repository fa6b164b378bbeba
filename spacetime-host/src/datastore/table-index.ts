import {
  compileIndexKey,
  type IndexKey,
  type IndexKeyCodec,
  type KeyRange,
} from '../sats/index-key.js';
import type { IndexSchema, TableSchema } from '../schema/module-schema.js';
import { BTree } from './btree.js';

/** Unique indexes map a key to one row id; others to the set of row ids sharing it. */
type Entry = number | Set<number>;

/**
 * One index of a table: a hash map for point lookups and, for btree and
 * direct indexes, a sorted tree over the same entries for range scans.
 * Rows are identified by their slot number in the table.
 */
export class TableIndex {
  readonly codec: IndexKeyCodec;
  readonly unique: boolean;
  /** Hash indexes cannot be range-scanned (WRONG_INDEX_ALGO). */
  readonly ranged: boolean;
  private readonly map = new Map<IndexKey, Entry>();
  private readonly tree: BTree<IndexKey, Entry> | undefined;

  constructor(
    readonly schema: IndexSchema,
    table: TableSchema,
  ) {
    this.codec = compileIndexKey(table.rowType, schema.columns);
    this.unique = schema.unique;
    this.ranged = schema.algorithm !== 'hash';
    this.tree = this.ranged ? new BTree<IndexKey, Entry>(undefined, this.codec.compare) : undefined;
  }

  keyOf(row: Uint8Array): IndexKey {
    return this.codec.fromRow(row);
  }

  /** The row holding `key` in a unique index. */
  find(key: IndexKey): number | undefined {
    return this.map.get(key) as number | undefined;
  }

  /** Adds `rowId` under `key`; for unique indexes the caller has checked the key is free. */
  add(key: IndexKey, rowId: number): void {
    if (this.unique) {
      this.map.set(key, rowId);
      this.tree?.set(key, rowId);
      return;
    }
    const rows = this.map.get(key) as Set<number> | undefined;
    if (rows) {
      rows.add(rowId);
    } else {
      const created = new Set([rowId]);
      this.map.set(key, created);
      this.tree?.set(key, created);
    }
  }

  remove(key: IndexKey, rowId: number): void {
    if (!this.unique) {
      const rows = this.map.get(key) as Set<number> | undefined;
      if (!rows) return;
      rows.delete(rowId);
      if (rows.size > 0) return;
    }
    this.map.delete(key);
    this.tree?.delete(key);
  }

  /** Appends the ids of rows whose key equals `key`. */
  collectPoint(key: IndexKey, out: number[]): void {
    const entry = this.map.get(key);
    if (entry === undefined) return;
    if (typeof entry === 'number') out.push(entry);
    else for (const rowId of entry) out.push(rowId);
  }

  /** Appends the ids of rows whose key lies in `range`, in key order. */
  collectRange(range: KeyRange, out: number[]): void {
    if (range.point !== undefined) {
      this.collectPoint(range.point, out);
      return;
    }
    const tree = this.tree!;
    const compare = this.codec.compare;
    const { lo, hi } = range;
    for (const [key, entry] of lo === undefined ? tree.entries() : tree.entries(lo)) {
      if (lo !== undefined && !range.loInclusive && compare(key, lo) === 0) continue;
      if (hi !== undefined) {
        const c = compare(key, hi);
        if (c > 0 || (c === 0 && !range.hiInclusive)) break;
      }
      if (typeof entry === 'number') out.push(entry);
      else for (const rowId of entry) out.push(rowId);
    }
  }

  clear(): void {
    this.map.clear();
    this.tree?.clear();
  }
}
