/**
 * What a client sends over protocol v2 (and v3, which only changes framing):
 * SpacetimeDB's `websocket::v2::ClientMessage`, crates/client-api-messages.
 * The variant order is the BSATN tag.
 */
export type ClientMessage = Subscribe | Unsubscribe | OneOffQuery | CallReducer | CallProcedure;

/** Adds a set of queries under one client-chosen id, answered by SubscribeApplied or SubscriptionError. */
export interface Subscribe {
  readonly tag: 'Subscribe';
  readonly requestId: number;
  readonly querySetId: number;
  readonly queryStrings: readonly string[];
}

/** `SendDroppedRows` asks for the rows leaving the client cache in UnsubscribeApplied. */
export type UnsubscribeFlags = 'Default' | 'SendDroppedRows';

export interface Unsubscribe {
  readonly tag: 'Unsubscribe';
  readonly requestId: number;
  readonly querySetId: number;
  readonly flags: UnsubscribeFlags;
}

export interface OneOffQuery {
  readonly tag: 'OneOffQuery';
  readonly requestId: number;
  readonly queryString: string;
}

/** `flags` is reserved: SpacetimeDB accepts only 0. `args` is the BSATN of the parameters. */
export interface CallReducer {
  readonly tag: 'CallReducer';
  readonly requestId: number;
  readonly flags: 0;
  readonly reducer: string;
  readonly args: Uint8Array;
}

export interface CallProcedure {
  readonly tag: 'CallProcedure';
  readonly requestId: number;
  readonly flags: 0;
  readonly procedure: string;
  readonly args: Uint8Array;
}
