// Test support: the transfer module's schema (accounts: id u32 hash primary key,
// balance i64) and row encoding, for datastore tests and the benchmark.
import { Ty } from '../../sats/algebraic-type.js';
import type { ModuleSchema, TableSchema } from '../../schema/module-schema.js';

export const accountsTable: TableSchema = {
  tableId: 0,
  name: 'accounts',
  sourceName: 'accounts',
  accessorName: 'accounts',
  rowType: {
    elements: [
      { name: 'id', algebraicType: Ty.U32 },
      { name: 'balance', algebraicType: Ty.I64 },
    ],
  },
  columns: [
    { colId: 0, name: 'id', type: Ty.U32 },
    { colId: 1, name: 'balance', type: Ty.I64 },
  ],
  primaryKey: 0,
  indexes: [
    {
      indexId: 0,
      tableId: 0,
      name: 'accounts_id_idx_hash',
      sourceName: 'accounts_id_idx_hash',
      accessorName: 'id',
      algorithm: 'hash',
      columns: [0],
      unique: true,
    },
  ],
  uniqueConstraints: [[0]],
  sequences: [],
  isPublic: true,
  isEvent: false,
};

export const accountsSchema: ModuleSchema = {
  typespace: { types: [] },
  tables: [accountsTable],
  reducers: [],
  procedures: [],
  views: [],
  lifecycle: {},
};

export function accountRow(id: number, balance: bigint): Uint8Array {
  const row = new Uint8Array(12);
  const view = new DataView(row.buffer);
  view.setUint32(0, id, true);
  view.setBigInt64(4, balance, true);
  return row;
}

export function accountKey(id: number): Uint8Array {
  const key = new Uint8Array(4);
  new DataView(key.buffer).setUint32(0, id, true);
  return key;
}

/** The balance as a number (exact for the magnitudes tests use), read without allocating. */
export function balanceOf(row: Uint8Array): number {
  const lo = (row[4]! | (row[5]! << 8) | (row[6]! << 16) | (row[7]! << 24)) >>> 0;
  const hi = row[8]! | (row[9]! << 8) | (row[10]! << 16) | (row[11]! << 24);
  return hi * 4294967296 + lo;
}
