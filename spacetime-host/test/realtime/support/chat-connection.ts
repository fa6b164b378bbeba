// What the realtime tests use of an SDK connection to the chat fixture,
// declared here so that test code type-checks under the host's NodeNext
// settings, where the generated bindings (module_bindings) cannot be read.
// chat-bindings.ts checks, under Bundler resolution, that the generated
// `DbConnection` offers all of this with these names and types.

/** An identity as the SDK hands it over. */
export interface SdkIdentity {
  toHexString(): string;
}

export type MessageRow = {
  readonly id: bigint;
  readonly sender: SdkIdentity;
  readonly text: string;
  /** The sending reducer's timestamp. */
  readonly sent: { readonly microsSinceUnixEpoch: bigint };
};
export type UserRow = {
  readonly identity: SdkIdentity;
  readonly name: string | undefined;
  readonly online: boolean;
};
export type BlobRow = { readonly id: number; readonly data: string };
export type PingRow = { readonly text: string };

/** The context of a row callback; `event.tag` says why the row arrived (`Reducer`, `Transaction`, ...). */
export interface RowEventContext {
  readonly event: { readonly tag: string };
}

/** A table in the client cache. */
export interface CachedTable<Row> {
  readonly count: () => bigint;
  readonly iter: () => Iterable<Row>;
  readonly onInsert: (callback: (ctx: RowEventContext, row: Row) => void) => void;
}

export interface ChatSubscriptionHandle {
  readonly unsubscribe: () => void;
  readonly unsubscribeThen: (callback: () => void) => void;
  readonly isEnded: () => boolean;
}

export interface ChatSubscriptionBuilder {
  readonly onApplied: (callback: () => void) => ChatSubscriptionBuilder;
  readonly onError: (
    callback: (ctx: { readonly event?: Error }) => void,
  ) => ChatSubscriptionBuilder;
  readonly subscribe: (queries: string[]) => ChatSubscriptionHandle;
}

export interface ChatConnection {
  readonly db: {
    readonly message: CachedTable<MessageRow>;
    readonly user: CachedTable<UserRow>;
    readonly blob: CachedTable<BlobRow>;
    readonly ping: CachedTable<PingRow>;
  };
  readonly reducers: {
    readonly sendMessage: (args: { text: string }) => Promise<void>;
    readonly setName: (args: { name: string }) => Promise<void>;
    readonly scheduleMessage: (args: { text: string }) => Promise<void>;
    readonly emitPing: (args: { text: string }) => Promise<void>;
    readonly addBlobs: (args: { count: number; size: number }) => Promise<void>;
    readonly banMe: (args: Record<string, never>) => Promise<void>;
    readonly crash: (args: Record<string, never>) => Promise<void>;
  };
  readonly procedures: {
    readonly add: (args: { a: number; b: number }) => Promise<number>;
    readonly postCounted: (args: { text: string }) => Promise<bigint>;
  };
  readonly isActive: boolean;
  readonly subscriptionBuilder: () => ChatSubscriptionBuilder;
  readonly disconnect: () => void;
}

export interface ChatConnectionBuilder {
  readonly withUri: (uri: string) => ChatConnectionBuilder;
  readonly withDatabaseName: (name: string) => ChatConnectionBuilder;
  readonly withToken: (token: string) => ChatConnectionBuilder;
  readonly withCompression: (compression: 'gzip' | 'brotli' | 'none') => ChatConnectionBuilder;
  readonly withConfirmedReads: (confirmed: boolean) => ChatConnectionBuilder;
  readonly withLightMode: (light: boolean) => ChatConnectionBuilder;
  readonly onConnect: (
    callback: (conn: ChatConnection, identity: SdkIdentity, token: string) => void,
  ) => ChatConnectionBuilder;
  readonly onConnectError: (
    callback: (ctx: unknown, error: Error) => void,
  ) => ChatConnectionBuilder;
  readonly onDisconnect: (
    callback: (ctx: unknown, error?: Error | undefined) => void,
  ) => ChatConnectionBuilder;
  readonly build: () => ChatConnection;
}
