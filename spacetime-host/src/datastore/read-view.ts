import { BsatnError } from '../sats/bsatn-error.js';
import type { IndexKey, KeyRange } from '../sats/index-key.js';
import type { RangeArgs, ReadTx } from './datastore.js';
import { DatastoreError, Errno } from './datastore-error.js';
import type { TableCatalog } from './table-catalog.js';
import type { TableIndex } from './table-index.js';

/**
 * Reads over the tables as they are now. Results are fresh arrays of
 * immutable rows, so callers may keep them while the tables change.
 */
export class ReadView implements ReadTx {
  constructor(protected readonly catalog: TableCatalog) {}

  tableIdFromName(name: string): number {
    this.checkUsable();
    return this.catalog.tableIdFromName(name);
  }

  indexIdFromName(name: string): number {
    this.checkUsable();
    return this.catalog.indexIdFromName(name);
  }

  rowCount(tableId: number): number {
    this.checkUsable();
    return this.catalog.table(tableId).count;
  }

  scan(tableId: number): Uint8Array[] {
    this.checkUsable();
    return this.catalog.table(tableId).scan();
  }

  indexScanPoint(indexId: number, key: Uint8Array): Uint8Array[] {
    this.checkUsable();
    const index = this.catalog.index(indexId);
    const table = this.catalog.tableOfIndex(indexId);
    if (index.unique) {
      const rowId = index.find(pointKey(index, key));
      return rowId === undefined ? [] : [table.rows[rowId]!];
    }
    const rowIds: number[] = [];
    index.collectPoint(pointKey(index, key), rowIds);
    return table.rowsOf(rowIds);
  }

  indexScanRange(indexId: number, range: RangeArgs): Uint8Array[] {
    this.checkUsable();
    const index = this.catalog.index(indexId);
    const rowIds: number[] = [];
    index.collectRange(keyRange(index, range), rowIds);
    return this.catalog.tableOfIndex(indexId).rowsOf(rowIds);
  }

  /** Throws when this view may not be used right now. */
  protected checkUsable(): void {}
}

export function pointKey(index: TableIndex, key: Uint8Array): IndexKey {
  try {
    return index.codec.fromKeyBytes(key);
  } catch (error) {
    throw asDecodeError(error, index);
  }
}

/** Range arguments decoded for `index`; hash indexes cannot scan ranges. */
export function keyRange(index: TableIndex, range: RangeArgs): KeyRange {
  if (!index.ranged) {
    throw new DatastoreError(
      Errno.WRONG_INDEX_ALGO,
      `index \`${index.schema.name}\` is a hash index`,
    );
  }
  try {
    return index.codec.range(range);
  } catch (error) {
    throw asDecodeError(error, index);
  }
}

function asDecodeError(error: unknown, index: TableIndex): unknown {
  return error instanceof BsatnError
    ? new DatastoreError(
        Errno.BSATN_DECODE_ERROR,
        `key for index \`${index.schema.name}\`: ${error.message}`,
      )
    : error;
}
