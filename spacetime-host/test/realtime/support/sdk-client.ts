// Connects the official `spacetimedb` SDK (through the hand-written bindings)
// to a test server, as an app would.
import * as spacetimedb from 'spacetimedb';
import { WebSocket as UndiciWebSocket } from 'undici';
import { DbConnection } from '../module_bindings/index.js';

// Only the SDK's errors, not its per-connection info lines.
(spacetimedb as unknown as { setGlobalLogLevel(level: string): void }).setGlobalLogLevel('error');

// Node 20 has no global WebSocket; the SDK then loads undici through a dynamic
// import that the test runner cannot follow, so provide it up front.
const globals = globalThis as { WebSocket?: unknown };
globals.WebSocket ??= UndiciWebSocket;

// The bindings are untyped under NodeNext (see module_bindings), so the parts
// of the SDK the tests use are declared here.
export type Row = Record<string, unknown>;

export interface SdkTable {
  count(): number | bigint;
  iter(): Iterable<Row>;
  onInsert(callback: (ctx: { event: { tag: string } }, row: Row) => void): void;
  onDelete(callback: (ctx: unknown, row: Row) => void): void;
}

export interface SdkSubscriptionBuilder {
  onApplied(callback: () => void): SdkSubscriptionBuilder;
  onError(callback: (ctx: unknown, error: unknown) => void): SdkSubscriptionBuilder;
  subscribe(queries: string[]): SdkSubscriptionHandle;
}

export interface SdkSubscriptionHandle {
  unsubscribe(): void;
  unsubscribeThen(callback: () => void): void;
  isEnded(): boolean;
}

export interface SdkConnection {
  readonly db: Record<string, SdkTable>;
  readonly reducers: Record<string, (args?: object) => Promise<void>>;
  readonly procedures: Record<string, (args?: object) => Promise<unknown>>;
  readonly isActive: boolean;
  subscriptionBuilder(): SdkSubscriptionBuilder;
  disconnect(): void;
}

interface SdkBuilder {
  withUri(uri: string): SdkBuilder;
  withDatabaseName(name: string): SdkBuilder;
  withToken(token: string): SdkBuilder;
  withCompression(compression: 'gzip' | 'brotli' | 'none'): SdkBuilder;
  withConfirmedReads(confirmed: boolean): SdkBuilder;
  withLightMode(light: boolean): SdkBuilder;
  onConnect(
    callback: (conn: SdkConnection, identity: { toHexString(): string }, token: string) => void,
  ): SdkBuilder;
  onConnectError(callback: (ctx: unknown, error: unknown) => void): SdkBuilder;
  onDisconnect(callback: (ctx: unknown, error: unknown) => void): SdkBuilder;
  build(): SdkConnection;
}

export interface SdkClient {
  readonly conn: SdkConnection;
  readonly identityHex: string;
  readonly token: string;
  /** Resolves when the connection ends, with the error the SDK reported, if any. */
  readonly disconnected: Promise<unknown>;
}

export interface ConnectOptions {
  readonly token?: string;
  readonly compression?: 'gzip' | 'brotli' | 'none';
  readonly confirmedReads?: boolean;
  readonly lightMode?: boolean;
}

/** Connects and waits for onConnect; rejects with the SDK's error on onConnectError or an early close. */
export function connectSdk(
  url: string,
  database: string,
  options: ConnectOptions = {},
): Promise<SdkClient> {
  return new Promise((resolve, reject) => {
    let resolveDisconnected!: (error: unknown) => void;
    const disconnected = new Promise<unknown>((r) => {
      resolveDisconnected = r;
    });
    let connected = false;
    let builder = (DbConnection.builder() as unknown as SdkBuilder)
      .withUri(url)
      .withDatabaseName(database)
      .withCompression(options.compression ?? 'gzip')
      .onConnect((conn, identity, token) => {
        connected = true;
        resolve({ conn, identityHex: identity.toHexString(), token, disconnected });
      })
      .onConnectError((_ctx, error) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      })
      .onDisconnect((_ctx, error) => {
        resolveDisconnected(error);
        if (!connected) reject(new Error(`disconnected before connecting: ${String(error)}`));
      });
    if (options.token !== undefined) builder = builder.withToken(options.token);
    if (options.confirmedReads !== undefined)
      builder = builder.withConfirmedReads(options.confirmedReads);
    if (options.lightMode !== undefined) builder = builder.withLightMode(options.lightMode);
    builder.build();
  });
}

/** Subscribes to `queries` and resolves once applied; rejects with the SubscriptionError. */
export function subscribeSdk(client: SdkClient, queries: string[]): Promise<SdkSubscriptionHandle> {
  return new Promise((resolve, reject) => {
    const handle = client.conn
      .subscriptionBuilder()
      .onApplied(() => resolve(handle))
      .onError((_ctx, error) => reject(error instanceof Error ? error : new Error(String(error))))
      .subscribe(queries);
  });
}
