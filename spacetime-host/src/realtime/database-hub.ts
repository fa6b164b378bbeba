import type { Caller } from '../database/database-api.js';
import type { TxChanges } from '../datastore/datastore.js';
import type {
  QueryRows,
  ServerMessage,
  TableUpdateRows,
  TransactionUpdate,
} from '../protocol/server-message.js';
import type {
  CommitUpdates,
  QuerySetUpdate,
  TableRows,
  TableRowsUpdate,
} from '../subscription/query-set-update.js';
import { carrySubscriptions } from './carry-subscriptions.js';
import type {
  RealtimeDatabase,
  RealtimeSwap,
  SubscriptionEngineFactory,
  SubscriptionPort,
} from './subscription-port.js';

/** What the hub needs of a client connection. */
export interface HubConnection {
  readonly key: string;
  readonly caller: Caller;
  /** Queues a message computed from a transaction; `durable` settles when that transaction is on disk. */
  sendCommitted(message: ServerMessage, durable: Promise<void>): void;
  /** Ends the connection because the host can no longer keep its cache right. */
  fail(reason: string): void;
  /** Ends the connection because its module is gone (SpacetimeDB's 1001 "module exited"). */
  moduleExited(): void;
}

export interface HubOptions {
  /** Builds the subscription engine of the database, and of each one an update swaps in. */
  readonly engines: SubscriptionEngineFactory;
  readonly logError: (message: string, error: unknown) => void;
  /** The hub now serves `database`, an update's successor: new clients of it join this hub. */
  readonly onMoved?: (database: RealtimeDatabase) => void;
}

/** The transaction a client's own reducer call committed, and that client's part of it. */
export interface CommittedCall {
  readonly timestamp: bigint;
  readonly durable: Promise<void>;
  readonly update: TransactionUpdate;
}

const EMPTY_UPDATE: TransactionUpdate = { querySets: [] };

/**
 * The WebSocket side of one database: its connections, its subscription
 * engine, and its commit stream. After every committed transaction, whoever
 * ran it, each affected connection gets a TransactionUpdate, except the
 * client whose reducer call it was, whose update goes into its ReducerResult
 * (SpacetimeDB's rule, so the caller applies it exactly once).
 *
 * An update that keeps clients connected moves the hub, with its
 * connections and their subscriptions, to the successor database; one that
 * disconnects them ends every session.
 */
export class DatabaseHub {
  readonly #options: HubOptions;
  readonly #connections = new Map<string, HubConnection>();
  #database: RealtimeDatabase;
  #engine: SubscriptionPort;
  #stopListening: (() => void) | undefined;
  #latestDurable: Promise<void> = Promise.resolve();
  #call: { readonly connection: HubConnection; committed?: CommittedCall } | undefined;

  constructor(database: RealtimeDatabase, options: HubOptions) {
    this.#options = options;
    this.#database = database;
    this.#engine = options.engines(database);
    database.onSwap?.((swap) => this.#onSwap(swap));
  }

  /** The database serving this hub's clients: the one it was made for, or an update's successor. */
  get database(): RealtimeDatabase {
    return this.#database;
  }

  get engine(): SubscriptionPort {
    return this.#engine;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /**
   * Settles once every transaction seen so far is durable: what a reply read
   * from the committed state (SubscribeApplied, a one-off query) waits for
   * under confirmed reads.
   */
  get latestDurable(): Promise<void> {
    return this.#latestDurable;
  }

  add(connection: HubConnection): void {
    this.#connections.set(connection.key, connection);
    // Listen only while someone is connected: a database without clients pays nothing per commit.
    this.#stopListening ??= this.#database.onCommit((changes, durable) =>
      this.#onCommit(changes, durable),
    );
  }

  remove(connection: HubConnection): void {
    if (this.#connections.get(connection.key) !== connection) return;
    this.#connections.delete(connection.key);
    try {
      this.#engine.dropConnection(connection.key);
    } catch (error) {
      this.#options.logError(
        'spacetime-host: the subscription engine failed to drop a connection',
        error,
      );
    }
    if (this.#connections.size === 0) {
      this.#stopListening?.();
      this.#stopListening = undefined;
    }
  }

  /**
   * Runs `call` (which starts `connection`'s reducer) and reports the
   * transaction it committed synchronously, if any, with that connection's
   * share of the update held back for its ReducerResult.
   */
  asCaller<T>(
    connection: HubConnection,
    call: () => T,
  ): { readonly result: T; readonly committed?: CommittedCall } {
    const running: { readonly connection: HubConnection; committed?: CommittedCall } = {
      connection,
    };
    this.#call = running;
    try {
      const result = call();
      return running.committed === undefined
        ? { result }
        : { result, committed: running.committed };
    } finally {
      this.#call = undefined;
    }
  }

  /** Rows resident now, as SubscribeApplied and UnsubscribeApplied carry them. */
  queryRows(tables: readonly TableRows[]): QueryRows {
    return { tables: tables.map((t) => ({ table: t.tableName, rows: t.rows })) };
  }

  /**
   * An update replaced the database's module. SpacetimeDB swaps the module
   * under the connected clients (`UpdatePerformed`): the hub follows the
   * successor's commits from its first, moves every subscription to an
   * engine over the new schema and tells each client what changed in its
   * rows. Or it closed them (`UpdatePerformedWithClientDisconnect`), after
   * the successor ran client_disconnected for each.
   */
  #onSwap(swap: RealtimeSwap): void {
    if (swap.disconnectsClients) {
      for (const connection of [...this.#connections.values()]) connection.moduleExited();
      return;
    }
    const previous = this.#engine;
    const successor = swap.successor;
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#database = successor;
    this.#engine = this.#options.engines(successor);
    successor.onSwap?.((next) => this.#onSwap(next));
    this.#options.onMoved?.(successor);
    if (this.#connections.size === 0) return;
    this.#stopListening = successor.onCommit((changes, durable) =>
      this.#onCommit(changes, durable),
    );
    // The migrated state was made durable before the successor opened.
    const durable = Promise.resolve();
    for (const connection of [...this.#connections.values()]) {
      let messages: ServerMessage[];
      try {
        messages = carrySubscriptions(previous, this.#engine, connection);
      } catch (error) {
        this.#options.logError(
          'spacetime-host: moving subscriptions to the new module failed',
          error,
        );
        connection.fail('subscriptions could not move to the new module');
        continue;
      }
      for (const message of messages) connection.sendCommitted(message, durable);
    }
  }

  #onCommit(changes: TxChanges, durable: Promise<void>): void {
    this.#latestDurable = durable;
    let result: CommitUpdates;
    try {
      result = this.#engine.onCommit(changes);
    } catch (error) {
      // Every client's cache may now be wrong; they reconnect and subscribe afresh.
      this.#options.logError('spacetime-host: evaluating subscriptions failed', error);
      for (const connection of [...this.#connections.values()]) {
        connection.fail('subscription evaluation failed');
      }
      return;
    }
    // Failed query sets first, so clients drop their rows before any later update.
    for (const failure of result.failures) {
      const error = failure.message;
      this.#connections
        .get(failure.connectionKey)
        ?.sendCommitted(
          { tag: 'SubscriptionError', querySetId: failure.querySetId, error },
          durable,
        );
    }
    const call = this.#call;
    for (const [key, querySets] of result.updates) {
      const connection = this.#connections.get(key);
      if (connection === undefined) continue;
      const update = transactionUpdate(querySets);
      if (call?.connection === connection) {
        call.committed = { timestamp: changes.timestamp, durable, update };
      } else {
        connection.sendCommitted({ tag: 'TransactionUpdate', ...update }, durable);
      }
    }
    if (call !== undefined && call.committed === undefined) {
      call.committed = { timestamp: changes.timestamp, durable, update: EMPTY_UPDATE };
    }
  }
}

/** The engine's update in the protocol's terms (the same shape, with the protocol's tags). */
function transactionUpdate(querySets: readonly QuerySetUpdate[]): TransactionUpdate {
  return {
    querySets: querySets.map((querySet) => ({
      querySetId: querySet.querySetId,
      tables: querySet.tables.map((table) => ({
        tableName: table.tableName,
        rows: table.rows.map(tableUpdateRows),
      })),
    })),
  };
}

function tableUpdateRows(rows: TableRowsUpdate): TableUpdateRows {
  return rows.kind === 'event'
    ? { tag: 'EventTable', events: rows.events }
    : { tag: 'PersistentTable', inserts: rows.inserts, deletes: rows.deletes };
}
