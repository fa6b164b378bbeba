// A deliberately small in-memory Datastore double for runtime tests: tables of
// fixed-layout rows whose index keys are byte ranges of the row. The real
// datastore lives in src/datastore; this only has to be obviously right.
import type {
  Datastore,
  DatastoreState,
  MutTx,
  RangeArgs,
  ReadTx,
  TableChanges,
  TxChanges,
  WriteResult,
} from '../../src/datastore/datastore.js';
import type { ModuleSchema } from '../../src/schema/module-schema.js';

export interface FakeIndex {
  readonly name: string;
  /** Byte range of the row that forms the key. */
  readonly from: number;
  readonly to: number;
  readonly unique: boolean;
  readonly algorithm: 'hash' | 'btree';
}

export interface FakeTable {
  readonly name: string;
  readonly indexes: readonly FakeIndex[];
  /** Byte range of a u32 auto-increment column, if any. */
  readonly autoInc?: { readonly from: number };
}

export class FakeDatastoreError extends Error {
  override readonly name = 'DatastoreError';
  constructor(readonly errno: number) {
    super(`errno ${errno}`);
  }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export class FakeDatastore implements Datastore {
  readonly schema = {} as ModuleSchema;
  txOffset = 0n;
  open = false;
  private rows: Uint8Array[][];
  private sequences: number[];
  private readonly indexes: { tableId: number; index: FakeIndex }[] = [];

  constructor(readonly tables: readonly FakeTable[]) {
    this.rows = tables.map(() => []);
    this.sequences = tables.map(() => 1);
    tables.forEach((table, tableId) => {
      for (const index of table.indexes) this.indexes.push({ tableId, index });
    });
  }

  get committed(): ReadTx {
    return this.reader(() => this.rows);
  }

  beginMutTx(): MutTx {
    if (this.open) throw new Error('a mutable transaction is already open');
    this.open = true;
    const before = this.rows;
    let working = before.map((table) => [...table]);
    const sequencesBefore = [...this.sequences];
    const store = this;
    const indexOf = (indexId: number) => {
      const entry = store.indexes[indexId];
      if (entry === undefined) throw new FakeDatastoreError(5);
      return entry;
    };
    const tableRows = (tableId: number) => {
      const rows = working[tableId];
      if (rows === undefined) throw new FakeDatastoreError(4);
      return rows;
    };
    const insert = (tableId: number, input: Uint8Array): WriteResult => {
      const rows = tableRows(tableId);
      const row = Uint8Array.from(input);
      const table = store.tables[tableId]!;
      let generated = new Uint8Array(0);
      if (table.autoInc !== undefined) {
        const view = new DataView(row.buffer);
        if (view.getUint32(table.autoInc.from, true) === 0) {
          const value = store.sequences[tableId]!;
          store.sequences[tableId] = value + 1;
          view.setUint32(table.autoInc.from, value, true);
          generated = row.slice(table.autoInc.from, table.autoInc.from + 4);
        }
      }
      if (rows.some((r) => hex(r) === hex(row))) return { row, generated };
      for (const index of table.indexes) {
        if (!index.unique) continue;
        const key = hex(row.subarray(index.from, index.to));
        if (rows.some((r) => hex(r.subarray(index.from, index.to)) === key))
          throw new FakeDatastoreError(12);
      }
      rows.push(row);
      return { row, generated };
    };
    const tx: MutTx = {
      ...this.reader(() => working),
      insert,
      update(tableId, indexId, row) {
        const { index } = indexOf(indexId);
        if (!index.unique) throw new FakeDatastoreError(14);
        const rows = tableRows(tableId);
        const key = hex(row.subarray(index.from, index.to));
        const at = rows.findIndex((r) => hex(r.subarray(index.from, index.to)) === key);
        if (at < 0) throw new FakeDatastoreError(15);
        const [old] = rows.splice(at, 1);
        try {
          return insert(tableId, row);
        } catch (error) {
          rows.splice(at, 0, old!);
          throw error;
        }
      },
      deleteAllByEq(tableId, relation) {
        const rows = tableRows(tableId);
        const count = new DataView(relation.buffer, relation.byteOffset).getUint32(0, true);
        const rowLength = (relation.length - 4) / Math.max(count, 1);
        let deleted = 0;
        for (let i = 0; i < count; i++) {
          const target = hex(relation.subarray(4 + i * rowLength, 4 + (i + 1) * rowLength));
          const at = rows.findIndex((r) => hex(r) === target);
          if (at >= 0) {
            rows.splice(at, 1);
            deleted++;
          }
        }
        return deleted;
      },
      deleteByIndexPoint(indexId, key) {
        const { tableId, index } = indexOf(indexId);
        const rows = tableRows(tableId);
        const before = rows.length;
        working[tableId] = rows.filter((r) => hex(r.subarray(index.from, index.to)) !== hex(key));
        return before - working[tableId]!.length;
      },
      deleteByIndexRange() {
        throw new Error('range deletes are not faked');
      },
      clear(tableId) {
        const count = tableRows(tableId).length;
        working[tableId] = [];
        return count;
      },
      commit(timestamp): TxChanges {
        store.open = false;
        const tables: TableChanges[] = [];
        working.forEach((after, tableId) => {
          const beforeKeys = new Set(before[tableId]!.map(hex));
          const afterKeys = new Set(after.map(hex));
          const inserts = after.filter((r) => !beforeKeys.has(hex(r)));
          const deletes = before[tableId]!.filter((r) => !afterKeys.has(hex(r)));
          if (inserts.length + deletes.length > 0) {
            tables.push({ tableId, tableName: store.tables[tableId]!.name, inserts, deletes });
          }
        });
        store.rows = working;
        store.txOffset += 1n;
        return { txOffset: store.txOffset, timestamp, tables };
      },
      rollback() {
        store.open = false;
        working = before;
        store.sequences = sequencesBefore;
      },
    };
    return tx;
  }

  exportState(): DatastoreState {
    return { txOffset: this.txOffset, tables: [], sequences: {} };
  }

  replay(): void {
    throw new Error('replay is not faked');
  }

  private reader(rowsOf: () => Uint8Array[][]): ReadTx {
    const store = this;
    const indexOf = (indexId: number) => {
      const entry = store.indexes[indexId];
      if (entry === undefined) throw new FakeDatastoreError(5);
      return entry;
    };
    const tableRows = (tableId: number) => {
      const rows = rowsOf()[tableId];
      if (rows === undefined) throw new FakeDatastoreError(4);
      return rows;
    };
    return {
      tableIdFromName(name) {
        const id = store.tables.findIndex((t) => t.name === name);
        if (id < 0) throw new FakeDatastoreError(4);
        return id;
      },
      indexIdFromName(name) {
        const id = store.indexes.findIndex((i) => i.index.name === name);
        if (id < 0) throw new FakeDatastoreError(5);
        return id;
      },
      rowCount: (tableId) => tableRows(tableId).length,
      scan: (tableId) => [...tableRows(tableId)],
      indexScanPoint(indexId, key) {
        const { tableId, index } = indexOf(indexId);
        const wanted = hex(key);
        return tableRows(tableId).filter((r) => hex(r.subarray(index.from, index.to)) === wanted);
      },
      indexScanRange(indexId, range: RangeArgs) {
        const { tableId, index } = indexOf(indexId);
        if (index.algorithm === 'hash') throw new FakeDatastoreError(10);
        // Only single-column u32 keys with inclusive/unbounded bounds are faked.
        const view = new DataView(range.buf.buffer, range.buf.byteOffset, range.buf.length);
        const bound = (at: number) =>
          view.getUint8(at) === 2 ? undefined : view.getUint32(at + 1, true);
        const lo = bound(range.prefixLen);
        const hi = range.rendLen === 0 ? lo : bound(range.prefixLen + range.rstartLen);
        return tableRows(tableId).filter((r) => {
          const key = new DataView(r.buffer, r.byteOffset + index.from).getUint32(0, true);
          return (lo === undefined || key >= lo) && (hi === undefined || key <= hi);
        });
      },
    };
  }
}
