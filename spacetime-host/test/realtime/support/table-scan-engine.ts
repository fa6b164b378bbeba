// A deliberately trivial subscription engine for the realtime tests, standing
// in for src/subscription until it lands: it understands only
// `SELECT * FROM <table>` and sends whole-table changes.

import type { Caller } from '../../../src/database/database-api.js';
import type { TxChanges } from '../../../src/datastore/datastore.js';
import type {
  QuerySetRowsUpdate,
  RealtimeDatabase,
  SubscriptionPort,
  TableRowsUpdate,
} from '../../../src/realtime/subscription-port.js';
import type { TableSchema } from '../../../src/schema/module-schema.js';

const SELECT_ALL = /^\s*select\s+\*\s+from\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s*;?\s*$/i;

export class TableScanEngine implements SubscriptionPort {
  /** connection key -> query set id -> table names. */
  readonly #sets = new Map<string, Map<number, ReadonlySet<string>>>();
  readonly #database: RealtimeDatabase;
  /** Every onCommit call, for tests that check the engine saw a transaction. */
  readonly commits: TxChanges[] = [];

  constructor(database: RealtimeDatabase) {
    this.#database = database;
  }

  subscribe(
    key: string,
    caller: Caller,
    querySetId: number,
    queries: readonly string[],
  ): TableRowsUpdate[] {
    const sets = this.#sets.get(key) ?? new Map<number, ReadonlySet<string>>();
    if (sets.has(querySetId)) throw new Error(`query set ${querySetId} is already subscribed`);
    const tables = new Map(
      queries.map((query) => this.#table(query, caller)).map((t) => [t.name, t]),
    );
    sets.set(querySetId, new Set(tables.keys()));
    this.#sets.set(key, sets);
    return [...tables.values()].map((table) => ({
      tableName: table.name,
      inserts: table.isEvent ? [] : this.#database.datastore.committed.scan(table.tableId),
      deletes: [],
    }));
  }

  unsubscribe(key: string, querySetId: number): TableRowsUpdate[] {
    const tables = this.#sets.get(key)?.get(querySetId);
    if (tables === undefined) throw new Error(`query set ${querySetId} is not subscribed`);
    this.#sets.get(key)!.delete(querySetId);
    const committed = this.#database.datastore.committed;
    return [...tables].map((name) => ({
      tableName: name,
      inserts: [],
      deletes: committed.scan(committed.tableIdFromName(name)),
    }));
  }

  dropConnection(key: string): void {
    this.#sets.delete(key);
  }

  onCommit(changes: TxChanges): Map<string, QuerySetRowsUpdate[]> {
    this.commits.push(changes);
    const updates = new Map<string, QuerySetRowsUpdate[]>();
    for (const [key, sets] of this.#sets) {
      const querySets: QuerySetRowsUpdate[] = [];
      for (const [querySetId, tables] of sets) {
        const changed = changes.tables
          .filter((t) => tables.has(t.tableName))
          .map((t) => ({ tableName: t.tableName, inserts: t.inserts, deletes: t.deletes }));
        if (changed.length > 0) querySets.push({ querySetId, tables: changed });
      }
      if (querySets.length > 0) updates.set(key, querySets);
    }
    return updates;
  }

  #table(query: string, caller: Caller): TableSchema {
    const name = SELECT_ALL.exec(query)?.[1];
    if (name === undefined) throw new Error(`unsupported query: ${query}`);
    const table = this.#database.schema.tables.find((t) => t.name === name);
    if (table === undefined || (!table.isPublic && caller.identity !== this.#database.owner)) {
      throw new Error(`no such table: \`${name}\`. If the table exists, it may be marked private.`);
    }
    return table;
  }
}
