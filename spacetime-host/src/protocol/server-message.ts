/**
 * What the host sends over protocol v2/v3: SpacetimeDB's
 * `websocket::v2::ServerMessage` (crates/client-api-messages). The variant
 * order is the BSATN tag. Rows are BSATN row bytes; the encoder packs them
 * into `BsatnRowList`s.
 */
export type ServerMessage =
  | InitialConnection
  | SubscribeApplied
  | UnsubscribeApplied
  | SubscriptionError
  | TransactionUpdateMessage
  | OneOffQueryResult
  | ReducerResult
  | ProcedureResult;

export type Rows = readonly Uint8Array[];

/** The first message of a connection: who the client is and, for an anonymous one, its new token. */
export interface InitialConnection {
  readonly tag: 'InitialConnection';
  readonly identity: bigint;
  readonly connectionId: bigint;
  readonly token: string;
}

/** Rows resident at one moment (not deltas), one entry per table. */
export interface QueryRows {
  readonly tables: readonly SingleTableRows[];
}

export interface SingleTableRows {
  readonly table: string;
  readonly rows: Rows;
}

export interface SubscribeApplied {
  readonly tag: 'SubscribeApplied';
  readonly requestId: number;
  readonly querySetId: number;
  readonly rows: QueryRows;
}

/** `rows` is present only when the Unsubscribe asked for `SendDroppedRows`. */
export interface UnsubscribeApplied {
  readonly tag: 'UnsubscribeApplied';
  readonly requestId: number;
  readonly querySetId: number;
  readonly rows?: QueryRows;
}

/** `requestId` is absent when a query set fails after it was applied (during a transaction). */
export interface SubscriptionError {
  readonly tag: 'SubscriptionError';
  readonly requestId?: number;
  readonly querySetId: number;
  readonly error: string;
}

/** Persistent tables send inserts and deletes; event tables only the events of the transaction. */
export type TableUpdateRows =
  | { readonly tag: 'PersistentTable'; readonly inserts: Rows; readonly deletes: Rows }
  | { readonly tag: 'EventTable'; readonly events: Rows };

export interface TableUpdate {
  readonly tableName: string;
  readonly rows: readonly TableUpdateRows[];
}

export interface QuerySetUpdate {
  readonly querySetId: number;
  readonly tables: readonly TableUpdate[];
}

export interface TransactionUpdate {
  readonly querySets: readonly QuerySetUpdate[];
}

export interface TransactionUpdateMessage extends TransactionUpdate {
  readonly tag: 'TransactionUpdate';
}

export interface OneOffQueryResult {
  readonly tag: 'OneOffQueryResult';
  readonly requestId: number;
  readonly result:
    | { readonly tag: 'ok'; readonly value: QueryRows }
    | { readonly tag: 'err'; readonly value: string };
}

/**
 * `Ok` carries the caller's own transaction update; `Err` the BSATN of the
 * reducer's error (a string: the `SenderError` message); `InternalError` a
 * panic or host failure.
 */
export type ReducerOutcome =
  | {
      readonly tag: 'Ok';
      readonly retValue: Uint8Array;
      readonly transactionUpdate: TransactionUpdate;
    }
  | { readonly tag: 'OkEmpty' }
  | { readonly tag: 'Err'; readonly error: Uint8Array }
  | { readonly tag: 'InternalError'; readonly message: string };

export interface ReducerResult {
  readonly tag: 'ReducerResult';
  readonly requestId: number;
  /** Microseconds since the Unix epoch when the reducer ran. */
  readonly timestamp: bigint;
  readonly result: ReducerOutcome;
}

export type ProcedureStatus =
  | { readonly tag: 'Returned'; readonly value: Uint8Array }
  | { readonly tag: 'InternalError'; readonly message: string };

export interface ProcedureResult {
  readonly tag: 'ProcedureResult';
  readonly status: ProcedureStatus;
  /** Microseconds since the Unix epoch when the procedure started. */
  readonly timestamp: bigint;
  readonly totalHostExecutionDurationMicros: bigint;
  readonly requestId: number;
}
