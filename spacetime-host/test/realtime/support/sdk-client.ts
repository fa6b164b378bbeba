// Connects the official `spacetimedb` SDK, through the chat fixture's
// generated bindings, to a test server, as an app would.
import * as spacetimedb from 'spacetimedb';
import { WebSocket as UndiciWebSocket } from 'undici';
import type {
  ChatConnection,
  ChatConnectionBuilder,
  ChatSubscriptionHandle,
} from './chat-connection.js';

// Only the SDK's errors, not its per-connection info lines.
(spacetimedb as unknown as { setGlobalLogLevel(level: string): void }).setGlobalLogLevel('error');

// Node 20 has no global WebSocket; the SDK then loads undici through a dynamic
// import that the test runner cannot follow, so provide it up front.
const globals = globalThis as { WebSocket?: unknown };
globals.WebSocket ??= UndiciWebSocket;

// A computed specifier keeps tsc's NodeNext program out of the bindings, which
// it cannot read; chat-bindings.ts is checked under Bundler resolution instead.
const CHAT_BINDINGS = new URL('./chat-bindings.ts', import.meta.url).href;
let bindings: Promise<{ chatConnectionBuilder(): ChatConnectionBuilder }> | undefined;
const connectionBuilder = async () => {
  bindings ??= import(/* @vite-ignore */ CHAT_BINDINGS);
  return (await bindings).chatConnectionBuilder();
};

/** A row of any chat table, read by field name (the bench's clients read rows this way). */
export type Row = Readonly<Record<string, unknown>>;

export interface SdkClient {
  readonly conn: ChatConnection;
  readonly identityHex: string;
  readonly token: string;
  /** Resolves when the connection ends, with the error the SDK reported, if any. */
  readonly disconnected: Promise<Error | undefined>;
}

export interface ConnectOptions {
  readonly token?: string;
  readonly compression?: 'gzip' | 'brotli' | 'none';
  readonly confirmedReads?: boolean;
  readonly lightMode?: boolean;
}

/** Connects and waits for onConnect; rejects with the SDK's error on onConnectError or an early close. */
export async function connectSdk(
  url: string,
  database: string,
  options: ConnectOptions = {},
): Promise<SdkClient> {
  let builder = (await connectionBuilder())
    .withUri(url)
    .withDatabaseName(database)
    .withCompression(options.compression ?? 'gzip');
  if (options.token !== undefined) builder = builder.withToken(options.token);
  if (options.confirmedReads !== undefined) {
    builder = builder.withConfirmedReads(options.confirmedReads);
  }
  if (options.lightMode !== undefined) builder = builder.withLightMode(options.lightMode);
  return new Promise((resolve, reject) => {
    let resolveDisconnected!: (error: Error | undefined) => void;
    const disconnected = new Promise<Error | undefined>((r) => {
      resolveDisconnected = r;
    });
    let connected = false;
    builder
      .onConnect((conn, identity, token) => {
        connected = true;
        resolve({ conn, identityHex: identity.toHexString(), token, disconnected });
      })
      .onConnectError((_ctx, error) => reject(error))
      .onDisconnect((_ctx, error) => {
        resolveDisconnected(error);
        if (!connected) reject(new Error(`disconnected before connecting: ${String(error)}`));
      })
      .build();
  });
}

/** Subscribes to `queries` and resolves once applied; rejects with the SubscriptionError. */
export function subscribeSdk(
  client: SdkClient,
  queries: string[],
): Promise<ChatSubscriptionHandle> {
  return new Promise((resolve, reject) => {
    const handle = client.conn
      .subscriptionBuilder()
      .onApplied(() => resolve(handle))
      .onError((ctx) => reject(ctx.event ?? new Error('the subscription failed')))
      .subscribe(queries);
  });
}
