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
import type { RealtimeDatabase, SubscriptionPort } from './subscription-port.js';

/** What the hub needs of a client connection. */
export interface HubConnection {
  readonly key: string;
  /** Queues a message computed from a transaction; `durable` settles when that transaction is on disk. */
  sendCommitted(message: ServerMessage, durable: Promise<void>): void;
  /** Ends the connection because the host can no longer keep its cache right. */
  fail(reason: string): void;
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
 */
export class DatabaseHub {
  readonly engine: SubscriptionPort;
  readonly #database: RealtimeDatabase;
  readonly #connections = new Map<string, HubConnection>();
  readonly #logError: (message: string, error: unknown) => void;
  #stopListening: (() => void) | undefined;
  #latestDurable: Promise<void> = Promise.resolve();
  #call: { readonly connection: HubConnection; committed?: CommittedCall } | undefined;

  constructor(
    database: RealtimeDatabase,
    engine: SubscriptionPort,
    logError: (message: string, error: unknown) => void,
  ) {
    this.#database = database;
    this.engine = engine;
    this.#logError = logError;
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
      this.engine.dropConnection(connection.key);
    } catch (error) {
      this.#logError('spacetime-host: the subscription engine failed to drop a connection', error);
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

  #onCommit(changes: TxChanges, durable: Promise<void>): void {
    this.#latestDurable = durable;
    let result: CommitUpdates;
    try {
      result = this.engine.onCommit(changes);
    } catch (error) {
      // Every client's cache may now be wrong; they reconnect and subscribe afresh.
      this.#logError('spacetime-host: evaluating subscriptions failed', error);
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
