import type { Caller, DatabaseHandle } from '../database/database-api.js';
import type { ViewOutput } from '../database/view-result.js';
import type { ReadTx, TxChanges } from '../datastore/datastore.js';
import type { CommitUpdates, TableRows } from '../subscription/query-set-update.js';
import {
  type SubscribedQuerySet,
  SubscriptionEngine,
} from '../subscription/subscription-engine.js';

/**
 * What the WebSocket layer needs from a subscription engine
 * (`subscription/SubscriptionEngine` implements it): it keeps each
 * connection's query sets and turns each committed transaction into
 * per-connection updates shaped like the v2 messages. `connectionKey` is
 * opaque and unique per live connection.
 */
export interface SubscriptionPort {
  /**
   * Adds a query set and returns its initial rows (one entry per query).
   * Throws when a query is invalid; the message goes to the client as SubscriptionError.
   */
  subscribe(
    connectionKey: string,
    caller: Caller,
    querySetId: number,
    queries: readonly string[],
  ): readonly TableRows[];
  /** Removes a query set; returns the rows the client drops when asked to. Throws for an unknown id. */
  unsubscribe(
    connectionKey: string,
    querySetId: number,
    sendDroppedRows: boolean,
  ): readonly TableRows[];
  dropConnection(connectionKey: string): void;
  /** The connection's query sets, as they can be subscribed again (on a swapped-in database's engine). */
  querySets(connectionKey: string): readonly SubscribedQuerySet[];
  /** Must see every commit, in order, before the next transaction runs. */
  onCommit(changes: TxChanges): CommitUpdates;
  /** Runs a query once, as SpacetimeDB does: compiled like a subscription query. Throws when invalid. */
  oneOffQuery(caller: Caller, query: string): TableRows;
}

/** A database as the realtime layer uses it: the handle plus its commit stream and committed state. */
export interface RealtimeDatabase extends DatabaseHandle {
  onCommit(listener: (changes: TxChanges, durable: Promise<void>) => void): () => void;
  readonly datastore: { readonly committed: ReadTx };
  /**
   * Runs a view over `read`, returning the query a query-builder view
   * returned unrun (`Database.callViewUnrun`); without it, views run whole.
   */
  callViewUnrun?(name: string, caller: Caller, read: ReadTx): ViewOutput;
  /** True once the database was deleted, or replaced by an update. */
  readonly closed?: boolean;
  /** True while an update replaces it: closed, but its sessions wait for the successor. */
  readonly updating?: boolean;
  /** The update that replaced this database, once one did (`database/module-swap.ts`). */
  readonly swap?: RealtimeSwap | undefined;
  /** Hears that update as soon as its successor is open. */
  onSwap?(listener: (swap: RealtimeSwap) => void): () => void;
}

/** An update that replaced a database's module: where its clients go, or that they must leave. */
export interface RealtimeSwap {
  readonly successor: RealtimeDatabase;
  /** SpacetimeDB's `DisconnectAllUsers`: the successor already ran client_disconnected for each. */
  readonly disconnectsClients: boolean;
}

/** The database serving `database`'s clients now: it, or the successor of updates that kept them. */
export function servingDatabase(database: RealtimeDatabase): RealtimeDatabase {
  let serving = database;
  while (serving.swap !== undefined && !serving.swap.disconnectsClients) {
    serving = serving.swap.successor;
  }
  return serving;
}

export type SubscriptionEngineFactory = (database: RealtimeDatabase) => SubscriptionPort;

/** True for handles (such as `Database`) that expose what subscriptions need. */
export function isRealtimeDatabase(database: DatabaseHandle): database is RealtimeDatabase {
  const candidate = database as Partial<RealtimeDatabase>;
  return typeof candidate.onCommit === 'function' && candidate.datastore !== undefined;
}

/**
 * The host's subscription engine over `database`. Views run as the
 * subscribing identity (per-sender views) through the database itself.
 */
export function subscriptionEngineFor(database: RealtimeDatabase): SubscriptionPort {
  return new SubscriptionEngine({
    schema: database.schema,
    datastore: database.datastore,
    owner: database.owner,
    // Through the engine's `tx`, so it learns what each view reads. A returned
    // query comes back unrun: the engine keeps its rows current incrementally.
    views: (viewName, sender, tx) => {
      const caller = { identity: sender ?? database.owner, connectionId: 0n };
      return database.callViewUnrun !== undefined
        ? database.callViewUnrun(viewName, caller, tx)
        : database.callView(viewName, caller, undefined, tx);
    },
  });
}
