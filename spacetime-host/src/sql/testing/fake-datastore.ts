// Test support: a small in-memory stand-in for the datastore contract, enough to
// run SQL against until datastore/ provides the real one. It records which read
// methods were called so tests can check that queries use indexes.
import type {
  MutTx,
  RangeArgs,
  ReadTx,
  TxChanges,
  WriteResult,
} from '../../datastore/datastore.js';
import type { AlgebraicType } from '../../sats/algebraic-type.js';
import { compileSkipper, splitBsatnVec } from '../../sats/bsatn-skipper.js';
import { compileIndexKey, type IndexKeyCodec } from '../../sats/index-key.js';
import type { ModuleSchema, TableSchema } from '../../schema/module-schema.js';

export type ReadCall = 'scan' | 'point' | 'range' | 'rowCount';

/** The errno-carrying error the real datastore throws (datastore/datastore-error.ts). */
export class FakeDatastoreError extends Error {
  constructor(
    readonly errno: number,
    message: string,
  ) {
    super(message);
  }
}

export class FakeDatastore {
  /** Every read made through any transaction, in order. */
  readonly calls: ReadCall[] = [];
  private tables: Map<number, Uint8Array[]>;
  private readonly keys = new Map<number, IndexKeyCodec>();

  constructor(readonly schema: ModuleSchema) {
    this.tables = new Map(schema.tables.map((t) => [t.tableId, []]));
    for (const table of schema.tables) {
      for (const index of table.indexes) {
        this.keys.set(
          index.indexId,
          compileIndexKey(table.rowType, index.columns, schema.typespace),
        );
      }
    }
  }

  get committed(): ReadTx {
    return new FakeTx(this, this.tables);
  }

  /** Runs `body` in a transaction: commit on return, roll back on throw (the SqlContext `write` seam). */
  write<T>(body: (tx: MutTx) => T): T {
    const copy = new Map([...this.tables].map(([id, rows]) => [id, [...rows]]));
    const result = body(new FakeTx(this, copy));
    this.tables = copy;
    return result;
  }

  rows(tableName: string): Uint8Array[] {
    return [...this.tables.get(this.table(tableName).tableId)!];
  }

  table(name: string): TableSchema {
    const table = this.schema.tables.find((t) => t.name === name);
    if (!table) throw new Error(`no table ${name}`);
    return table;
  }

  keyCodec(indexId: number): IndexKeyCodec {
    const codec = this.keys.get(indexId);
    if (!codec) throw new FakeDatastoreError(5, 'no such index');
    return codec;
  }
}

class FakeTx implements MutTx {
  constructor(
    private readonly store: FakeDatastore,
    private readonly tables: Map<number, Uint8Array[]>,
  ) {}

  tableIdFromName(name: string): number {
    return this.store.table(name).tableId;
  }

  indexIdFromName(name: string): number {
    const index = this.store.schema.tables.flatMap((t) => t.indexes).find((i) => i.name === name);
    if (!index) throw new FakeDatastoreError(5, 'no such index');
    return index.indexId;
  }

  rowCount(tableId: number): number {
    this.store.calls.push('rowCount');
    return this.rowsOf(tableId).length;
  }

  scan(tableId: number): Uint8Array[] {
    this.store.calls.push('scan');
    return [...this.rowsOf(tableId)];
  }

  indexScanPoint(indexId: number, key: Uint8Array): Uint8Array[] {
    this.store.calls.push('point');
    const codec = this.store.keyCodec(indexId);
    const wanted = codec.fromKeyBytes(key);
    return this.rowsOf(this.tableOfIndex(indexId).tableId).filter(
      (r) => codec.compare(codec.fromRow(r), wanted) === 0,
    );
  }

  indexScanRange(indexId: number, range: RangeArgs): Uint8Array[] {
    this.store.calls.push('range');
    const table = this.tableOfIndex(indexId);
    if (table.indexes.find((i) => i.indexId === indexId)!.algorithm !== 'btree') {
      throw new FakeDatastoreError(10, 'WRONG_INDEX_ALGO');
    }
    const codec = this.store.keyCodec(indexId);
    const { lo, loInclusive, hi, hiInclusive } = codec.range(range);
    const inRange = (key: string | number) => {
      const fromLo = lo === undefined ? 1 : codec.compare(key, lo);
      const toHi = hi === undefined ? -1 : codec.compare(key, hi);
      return (
        (fromLo > 0 || (loInclusive && fromLo === 0)) && (toHi < 0 || (hiInclusive && toHi === 0))
      );
    };
    return this.rowsOf(table.tableId)
      .map((row) => ({ row, key: codec.fromRow(row) }))
      .filter(({ key }) => inRange(key))
      .sort((a, b) => codec.compare(a.key, b.key))
      .map(({ row }) => row);
  }

  insert(tableId: number, row: Uint8Array): WriteResult {
    const rows = this.rowsOf(tableId);
    if (rows.some((r) => Buffer.compare(r, row) === 0)) return { row, generated: new Uint8Array() };
    const table = this.store.schema.tables[tableId]!;
    for (const index of table.indexes.filter((i) => i.unique)) {
      const codec = this.store.keyCodec(index.indexId);
      const key = codec.fromRow(row);
      if (rows.some((r) => codec.compare(codec.fromRow(r), key) === 0)) {
        throw new FakeDatastoreError(
          12,
          `Unique constraint violation '${index.name}' in table '${table.name}'`,
        );
      }
    }
    rows.push(row);
    return { row, generated: new Uint8Array() };
  }

  update(): WriteResult {
    throw new Error('not used by SQL');
  }

  deleteAllByEq(tableId: number, vec: Uint8Array): number {
    const table = this.store.schema.tables[tableId]!;
    const rowType: AlgebraicType = { tag: 'Product', value: table.rowType };
    const victims = splitBsatnVec(compileSkipper(rowType, this.store.schema.typespace), vec);
    const rows = this.rowsOf(tableId);
    let deleted = 0;
    for (const victim of victims) {
      const at = rows.findIndex((r) => Buffer.compare(r, victim) === 0);
      if (at >= 0) {
        rows.splice(at, 1);
        deleted++;
      }
    }
    return deleted;
  }

  deleteByIndexPoint(): number {
    throw new Error('not used by SQL');
  }

  deleteByIndexRange(): number {
    throw new Error('not used by SQL');
  }

  clear(): number {
    throw new Error('not used by SQL');
  }

  commit(): TxChanges {
    throw new Error('the FakeDatastore commits in write()');
  }

  rollback(): void {
    throw new Error('the FakeDatastore rolls back in write()');
  }

  private rowsOf(tableId: number): Uint8Array[] {
    const rows = this.tables.get(tableId);
    if (!rows) throw new FakeDatastoreError(4, 'no such table');
    return rows;
  }

  private tableOfIndex(indexId: number): TableSchema {
    const table = this.store.schema.tables.find((t) =>
      t.indexes.some((i) => i.indexId === indexId),
    );
    if (!table) throw new FakeDatastoreError(5, 'no such index');
    return table;
  }
}
