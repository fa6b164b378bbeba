import type { QuerySetUpdate, TableRowsUpdate } from './query-set-update.js';

/**
 * Gathers one commit's query results into v2 `TransactionUpdate` shape:
 * per connection, per query set, per table, one `TableRowsUpdate` per query.
 */
export class UpdateCollector {
  readonly #connections = new Map<string, Map<number, Map<string, TableRowsUpdate[]>>>();

  add(connectionKey: string, querySetId: number, tableName: string, rows: TableRowsUpdate): void {
    let sets = this.#connections.get(connectionKey);
    if (sets === undefined) {
      sets = new Map();
      this.#connections.set(connectionKey, sets);
    }
    let tables = sets.get(querySetId);
    if (tables === undefined) {
      tables = new Map();
      sets.set(querySetId, tables);
    }
    const updates = tables.get(tableName);
    if (updates) updates.push(rows);
    else tables.set(tableName, [rows]);
  }

  result(): Map<string, QuerySetUpdate[]> {
    const out = new Map<string, QuerySetUpdate[]>();
    for (const [connectionKey, sets] of this.#connections) {
      out.set(
        connectionKey,
        [...sets].map(([querySetId, tables]) => ({
          querySetId,
          tables: [...tables].map(([tableName, rows]) => ({ tableName, rows })),
        })),
      );
    }
    return out;
  }
}
