import type { Caller } from '../database/database-api.js';
import type { QuerySetUpdate, ServerMessage, TableUpdate } from '../protocol/server-message.js';
import { diffRows } from '../subscription/multiset-diff.js';
import type { TableRows } from '../subscription/query-set-update.js';
import type { SubscriptionPort } from './subscription-port.js';

/** The connection whose query sets move. */
export interface CarriedConnection {
  readonly key: string;
  readonly caller: Caller;
}

/**
 * Moves every query set of `connection` from `previous` (the engine of the
 * database an update replaced) to `next`, as SpacetimeDB keeps
 * subscriptions across an update that does not disconnect clients. Each set
 * is compiled again against the new schema; the client gets the difference
 * between the rows it holds and the rows it would get now (views
 * recomputed by the new module, SpacetimeDB's `UpdateView`) as one
 * TransactionUpdate. A set that no longer compiles (its table became
 * private) or whose view now throws ends with a SubscriptionError, and the
 * client drops its rows. Returns the messages for the client, in order.
 */
export function carrySubscriptions(
  previous: SubscriptionPort,
  next: SubscriptionPort,
  connection: CarriedConnection,
): ServerMessage[] {
  const errors: ServerMessage[] = [];
  const updates: QuerySetUpdate[] = [];
  for (const { querySetId, queries } of previous.querySets(connection.key)) {
    // Unsubscribing hands back the rows the client holds from this set.
    const held = previous.unsubscribe(connection.key, querySetId, true);
    let now: readonly TableRows[];
    try {
      now = next.subscribe(connection.key, connection.caller, querySetId, queries);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ tag: 'SubscriptionError', querySetId, error: message });
      continue;
    }
    const tables = changedTables(held, now);
    if (tables.length > 0) updates.push({ querySetId, tables });
  }
  return updates.length === 0
    ? errors
    : [...errors, { tag: 'TransactionUpdate', querySets: updates }];
}

/**
 * Per table, the rows to insert and delete. Rows are compared as bags over
 * all of the set's queries: the SDK counts a row once per query that
 * returned it, so one extra copy is one insert.
 */
function changedTables(held: readonly TableRows[], now: readonly TableRows[]): TableUpdate[] {
  const before = rowsByTable(held);
  const after = rowsByTable(now);
  const tables: TableUpdate[] = [];
  for (const tableName of new Set([...before.keys(), ...after.keys()])) {
    const { inserts, deletes } = diffRows(before.get(tableName) ?? [], after.get(tableName) ?? []);
    if (inserts.length === 0 && deletes.length === 0) continue;
    tables.push({ tableName, rows: [{ tag: 'PersistentTable', inserts, deletes }] });
  }
  return tables;
}

function rowsByTable(tables: readonly TableRows[]): Map<string, Uint8Array[]> {
  const rows = new Map<string, Uint8Array[]>();
  for (const table of tables) {
    const list = rows.get(table.tableName);
    if (list === undefined) rows.set(table.tableName, [...table.rows]);
    else list.push(...table.rows);
  }
  return rows;
}
