// Test support: a SubscriptionEngine over a real InMemoryDatastore, with
// writes and results as SATS-JSON so tests read like the rows they mean.
import { BinaryWriter } from 'spacetimedb';
import type { ReadTx, TxChanges } from '../../datastore/datastore.js';
import { InMemoryDatastore } from '../../datastore/in-memory-datastore.js';
import type { AlgebraicType, ProductType } from '../../sats/algebraic-type.js';
import { bsatnToJson } from '../../sats/sats-json.js';
import { jsonToBsatn } from '../../sats/sats-json-encode.js';
import type { ModuleSchema, TableSchema } from '../../schema/module-schema.js';
import { runViewQuery } from '../../sql/run-view-query.js';
import type { CommitUpdates, TableRows } from '../query-set-update.js';
import { SubscriptionEngine } from '../subscription-engine.js';
import type { ViewRunner } from '../view-materializations.js';
import { OWNER, testSchema } from './test-schema.js';

export interface Writes {
  insert(table: string, row: unknown): void;
  delete(table: string, row: unknown): void;
  /** Replaces the row with the same value in the table's first unique index. */
  update(table: string, row: unknown): void;
}

/** `adults` runs SQL (like a query-builder view); `my_user` looks the sender up by index; `staff` scans. */
export const testViews: ViewRunner = (name, sender, tx) => {
  const schema = testSchema();
  if (name === 'adults') return runViewQuery('SELECT * FROM users WHERE age >= 18', schema, tx);
  if (name === 'my_user') {
    const writer = new BinaryWriter(32);
    writer.writeU256(sender!);
    return tx.indexScanPoint(tx.indexIdFromName('users_owner_idx_hash'), writer.getBuffer());
  }
  if (name === 'staff') return tx.scan(tx.tableIdFromName('users'));
  throw new Error(`no view ${name}`);
};

export class EngineFixture {
  readonly schema: ModuleSchema = testSchema();
  readonly datastore = new InMemoryDatastore(this.schema);
  /** Every view run, as `name` or `name:senderHex`. */
  readonly viewRuns: string[] = [];
  readonly engine: SubscriptionEngine;
  #timestamp = 0n;

  /** `views` null: the engine has no view runner. */
  constructor(views: ViewRunner | null = testViews) {
    const runner: ViewRunner | undefined =
      views === null
        ? undefined
        : (name, sender, tx: ReadTx) => {
            this.viewRuns.push(sender === undefined ? name : `${name}:${sender.toString(16)}`);
            return views(name, sender, tx);
          };
    this.engine = new SubscriptionEngine({
      schema: this.schema,
      datastore: this.datastore,
      owner: OWNER,
      views: runner,
    });
  }

  table(name: string): TableSchema {
    const table = this.schema.tables.find((t) => t.name === name);
    if (table === undefined) throw new Error(`no table ${name}`);
    return table;
  }

  rowType(name: string): ProductType {
    const view = this.schema.views.find((v) => v.name === name);
    return view ? view.rowType : this.table(name).rowType;
  }

  row(name: string, json: unknown): Uint8Array {
    return jsonToBsatn(product(this.rowType(name)), this.schema.typespace, json);
  }

  json(name: string, rows: readonly Uint8Array[]): unknown[] {
    return rows.map((r) => bsatnToJson(product(this.rowType(name)), this.schema.typespace, r));
  }

  /** Commits the writes and returns what the engine makes of the commit. */
  commit(write: (w: Writes) => void): CommitUpdates {
    return this.engine.onCommit(this.commitOnly(write));
  }

  /** Commits the writes without telling the engine; returns the changes. */
  commitOnly(write: (w: Writes) => void): TxChanges {
    const tx = this.datastore.beginMutTx();
    const writes: Writes = {
      insert: (name, row) => tx.insert(this.table(name).tableId, this.row(name, row)),
      delete: (name, row) => {
        const bytes = this.row(name, row);
        const vec = new Uint8Array(4 + bytes.length);
        new DataView(vec.buffer).setUint32(0, 1, true);
        vec.set(bytes, 4);
        if (tx.deleteAllByEq(this.table(name).tableId, vec) !== 1) {
          throw new Error(`no such row in ${name}`);
        }
      },
      update: (name, row) => {
        const table = this.table(name);
        const index = table.indexes.find((i) => i.unique)!;
        tx.update(table.tableId, index.indexId, this.row(name, row));
      },
    };
    try {
      write(writes);
    } catch (error) {
      tx.rollback();
      throw error;
    }
    return tx.commit(++this.#timestamp);
  }

  /** Subscribes and returns the initial rows as JSON. */
  subscribe(connection: string, identity: bigint, querySetId: number, queries: string[]) {
    const rows = this.engine.subscribe(connection, caller(identity), querySetId, queries);
    return this.readRows(rows);
  }

  readRows(tables: readonly TableRows[]): { table: string; rows: unknown[] }[] {
    return tables.map((t) => ({ table: t.tableName, rows: this.json(t.tableName, t.rows) }));
  }

  /** A commit's updates as `{ connection: { querySetId: { table: [per-query rows] } } }`. */
  readable(result: CommitUpdates): Record<string, Record<number, Record<string, unknown[]>>> {
    const out: Record<string, Record<number, Record<string, unknown[]>>> = {};
    for (const [connection, sets] of result.updates) {
      const bySet: Record<number, Record<string, unknown[]>> = {};
      for (const set of sets) {
        const byTable: Record<string, unknown[]> = {};
        for (const table of set.tables) {
          byTable[table.tableName] = table.rows.map((rows) =>
            rows.kind === 'event'
              ? { events: this.json(table.tableName, rows.events) }
              : {
                  inserts: this.json(table.tableName, rows.inserts),
                  deletes: this.json(table.tableName, rows.deletes),
                },
          );
        }
        bySet[set.querySetId] = byTable;
      }
      out[connection] = bySet;
    }
    return out;
  }
}

export function caller(identity: bigint) {
  return { identity, connectionId: identity + 1n };
}

function product(rowType: ProductType): AlgebraicType {
  return { tag: 'Product', value: rowType };
}
