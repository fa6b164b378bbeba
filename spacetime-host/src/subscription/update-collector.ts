import type { QuerySetUpdate, TableRowsUpdate } from './query-set-update.js';

interface TableBuilder {
  readonly tableName: string;
  readonly rows: TableRowsUpdate[];
}

interface SetBuilder {
  readonly querySetId: number;
  readonly tables: TableBuilder[];
}

/**
 * Gathers one commit's query results into v2 `TransactionUpdate` shape:
 * per connection, per query set, per table, one `TableRowsUpdate` per query.
 * A connection holds few query sets and a set few tables, so they are found
 * by scanning small arrays; the cost that matters is one Map lookup per
 * delivery when a commit reaches thousands of connections.
 */
export class UpdateCollector {
  readonly #connections = new Map<string, SetBuilder[]>();

  add(connectionKey: string, querySetId: number, tableName: string, rows: TableRowsUpdate): void {
    let sets = this.#connections.get(connectionKey);
    if (sets === undefined) {
      sets = [];
      this.#connections.set(connectionKey, sets);
    }
    let set = sets.find((s) => s.querySetId === querySetId);
    if (set === undefined) {
      set = { querySetId, tables: [] };
      sets.push(set);
    }
    const table = set.tables.find((t) => t.tableName === tableName);
    if (table === undefined) set.tables.push({ tableName, rows: [rows] });
    else table.rows.push(rows);
  }

  result(): Map<string, QuerySetUpdate[]> {
    return this.#connections;
  }
}
