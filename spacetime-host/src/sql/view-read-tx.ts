import type { ReadTx } from '../datastore/datastore.js';
import type { SchemaView } from './schema-view.js';

/**
 * A read transaction in which the views a query names read as tables: their
 * rows come from `viewRows` (the database calls the view for the caller),
 * once per query.
 */
export function withViewRows(
  read: ReadTx,
  view: SchemaView,
  viewRows: (name: string) => readonly Uint8Array[],
): ReadTx {
  const materialised = new Map<string, readonly Uint8Array[]>();
  const rowsOf = (tableId: number): readonly Uint8Array[] | undefined => {
    const name = view.viewName(tableId);
    if (name === undefined) return undefined;
    let rows = materialised.get(name);
    if (rows === undefined) {
      rows = viewRows(name);
      materialised.set(name, rows);
    }
    return rows;
  };
  return {
    tableIdFromName: (name) => read.tableIdFromName(name),
    indexIdFromName: (name) => read.indexIdFromName(name),
    rowCount: (tableId) => rowsOf(tableId)?.length ?? read.rowCount(tableId),
    scan: (tableId) => {
      const rows = rowsOf(tableId);
      return rows === undefined ? read.scan(tableId) : [...rows];
    },
    indexScanPoint: (indexId, key) => read.indexScanPoint(indexId, key),
    indexScanRange: (indexId, range) => read.indexScanRange(indexId, range),
  };
}
