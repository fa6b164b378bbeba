// Test support: the real datastore behind SQL tests, recording the reads it
// serves so tests can check that queries use indexes.
import type { MutTx, ReadTx } from '../../datastore/datastore.js';
import { InMemoryDatastore } from '../../datastore/in-memory-datastore.js';
import type { ModuleSchema, TableSchema } from '../../schema/module-schema.js';

export type ReadCall = 'scan' | 'point' | 'range' | 'rowCount';

export class SqlTestStore {
  /** Every read made through `committed` or a `write` transaction, in order. */
  readonly calls: ReadCall[] = [];
  private readonly datastore: InMemoryDatastore;
  private timestamp = 0n;

  constructor(readonly schema: ModuleSchema) {
    this.datastore = new InMemoryDatastore(schema);
  }

  get committed(): ReadTx {
    return spy(this.datastore.committed, this.calls);
  }

  /** Commits when `body` returns, rolls back when it throws: the SqlContext `write` seam. */
  write<T>(body: (tx: MutTx) => T): T {
    const tx = this.datastore.beginMutTx();
    let result: T;
    try {
      result = body(spy(tx, this.calls));
    } catch (error) {
      tx.rollback();
      throw error;
    }
    tx.commit(++this.timestamp);
    return result;
  }

  /** The committed rows of a table, without recording a read. */
  rows(tableName: string): Uint8Array[] {
    return this.datastore.committed.scan(this.table(tableName).tableId);
  }

  table(name: string): TableSchema {
    const table = this.schema.tables.find((t) => t.name === name);
    if (!table) throw new Error(`no table ${name}`);
    return table;
  }
}

const SPIED: Readonly<Record<string, ReadCall>> = {
  scan: 'scan',
  indexScanPoint: 'point',
  indexScanRange: 'range',
  rowCount: 'rowCount',
};

/** The same transaction, recording each read it serves. */
function spy<T extends ReadTx>(tx: T, calls: ReadCall[]): T {
  return new Proxy(tx, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const call = typeof property === 'string' ? SPIED[property] : undefined;
      return (...args: unknown[]) => {
        if (call) calls.push(call);
        return value.apply(target, args);
      };
    },
  });
}
