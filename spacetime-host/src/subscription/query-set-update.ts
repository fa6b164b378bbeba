/**
 * What the engine hands the protocol layer, shaped like SpacetimeDB's v2
 * WebSocket messages (crates/client-api-messages/src/websocket/v2.rs) so each
 * maps onto one message type without regrouping. Rows are BSATN, as stored.
 */

/** v2 `SingleTableRows`: one query's rows, for `SubscribeApplied` and `UnsubscribeApplied`. */
export interface TableRows {
  readonly tableName: string;
  readonly rows: readonly Uint8Array[];
}

/**
 * v2 `TableUpdateRows`: what one query saw change in one table in one
 * transaction. Event tables (never stored) carry their inserted rows as events.
 */
export type TableRowsUpdate =
  | {
      readonly kind: 'persistent';
      readonly inserts: readonly Uint8Array[];
      readonly deletes: readonly Uint8Array[];
    }
  | { readonly kind: 'event'; readonly events: readonly Uint8Array[] };

/** v2 `TableUpdate`: one entry in `rows` per query of the set that saw this table change. */
export interface TableUpdate {
  readonly tableName: string;
  readonly rows: readonly TableRowsUpdate[];
}

/** v2 `QuerySetUpdate`. */
export interface QuerySetUpdate {
  readonly querySetId: number;
  readonly tables: readonly TableUpdate[];
}

/**
 * A query set that failed while its transaction update was computed (a view
 * threw). The engine has already removed it; the client gets a v2
 * `SubscriptionError` with no request id.
 */
export interface QuerySetFailure {
  readonly connectionKey: string;
  readonly querySetId: number;
  readonly message: string;
}

/** The result of one commit: v2 `TransactionUpdate.querySets` per affected connection. */
export interface CommitUpdates {
  /** Only connections with at least one changed query set appear. */
  readonly updates: ReadonlyMap<string, readonly QuerySetUpdate[]>;
  readonly failures: readonly QuerySetFailure[];
}
