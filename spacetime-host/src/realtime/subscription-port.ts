import type { Caller, DatabaseHandle } from '../database/database-api.js';
import type { ReadTx, TxChanges } from '../datastore/datastore.js';

/**
 * What the WebSocket layer needs from the subscription engine
 * (src/subscription/, built separately): it compiles each query set, keeps
 * them per connection and turns each committed transaction into per-connection
 * row changes. `connectionKey` is opaque and unique per live connection.
 */
export interface SubscriptionPort {
  /**
   * Adds a query set and returns its initial rows (in `inserts`). Throws when
   * a query is invalid; the message goes to the client as SubscriptionError.
   */
  subscribe(
    connectionKey: string,
    caller: Caller,
    querySetId: number,
    queries: readonly string[],
  ): readonly TableRowsUpdate[];
  /** Removes a query set and returns the rows leaving the client (in `deletes`); throws for an unknown id. */
  unsubscribe(connectionKey: string, querySetId: number): readonly TableRowsUpdate[];
  dropConnection(connectionKey: string): void;
  /** The changes `changes` makes to each connection's query sets; connections with none are absent. */
  onCommit(changes: TxChanges): ReadonlyMap<string, readonly QuerySetRowsUpdate[]>;
  /**
   * Runs a query once (SpacetimeDB compiles one-off queries as subscription
   * queries). Optional: without it the host answers with its own evaluator.
   */
  oneOffQuery?(caller: Caller, query: string): { tableName: string; rows: readonly Uint8Array[] };
}

/** One table's rows in an update: for an event table, `inserts` are the transaction's events. */
export interface TableRowsUpdate {
  readonly tableName: string;
  readonly inserts: readonly Uint8Array[];
  readonly deletes: readonly Uint8Array[];
}

/**
 * One query set's part of a transaction. `error` set means the query set
 * failed while evaluating the transaction: the client gets SubscriptionError
 * (without a request id) and the engine has dropped the set.
 */
export interface QuerySetRowsUpdate {
  readonly querySetId: number;
  readonly tables: readonly TableRowsUpdate[];
  readonly error?: string;
}

/** A database as the realtime layer uses it: the handle plus its commit stream and committed state. */
export interface RealtimeDatabase extends DatabaseHandle {
  onCommit(listener: (changes: TxChanges, durable: Promise<void>) => void): () => void;
  readonly datastore: { readonly committed: ReadTx };
}

export type SubscriptionEngineFactory = (database: RealtimeDatabase) => SubscriptionPort;

/** True for handles (such as `Database`) that expose what subscriptions need. */
export function isRealtimeDatabase(database: DatabaseHandle): database is RealtimeDatabase {
  const candidate = database as Partial<RealtimeDatabase>;
  return typeof candidate.onCommit === 'function' && candidate.datastore !== undefined;
}
