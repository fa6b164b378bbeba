// Connects the official `spacetimedb` SDK to the contract fixture, as the web
// app connects to the Kith module.
import * as spacetimedb from 'spacetimedb';
import { WebSocket as UndiciWebSocket } from 'undici';
import { DbConnection } from './contract-module-bindings.js';

spacetimedb.setGlobalLogLevel?.('error');

// Node 20 has no global WebSocket, and the SDK's dynamic import of undici is
// not followed by the test runner: provide it up front.
const globals = globalThis as { WebSocket?: unknown };
globals.WebSocket ??= UndiciWebSocket;

export interface SdkSession {
  readonly conn: DbConnection;
  readonly identityHex: string;
}

/** Resolves once connected; rejects with the SDK's error when the connection is refused. */
export function connectWithToken(
  url: string,
  database: string,
  token: string,
): Promise<SdkSession> {
  return new Promise((resolve, reject) => {
    let connected = false;
    DbConnection.builder()
      .withUri(url)
      .withDatabaseName(database)
      .withToken(token)
      .onConnect((conn, identity) => {
        connected = true;
        resolve({ conn, identityHex: identity.toHexString() });
      })
      .onConnectError((_ctx, error) =>
        reject(error instanceof Error ? error : new Error(String(error))),
      )
      .onDisconnect((_ctx: unknown, error?: Error) => {
        if (!connected) reject(new Error(`disconnected before connecting: ${String(error)}`));
      })
      .build();
  });
}

/** Subscribes to every row of `table` and resolves with them once applied. */
export function subscribedRows<T>(
  session: SdkSession,
  table: 'connection_claims' | 'media',
): Promise<T[]> {
  return new Promise((resolve, reject) => {
    session.conn
      .subscriptionBuilder()
      .onApplied(() => resolve([...session.conn.db[table].iter()] as T[]))
      .onError((ctx) => reject(ctx.event ?? new Error('subscription failed')))
      .subscribe([`SELECT * FROM ${table}`]);
  });
}
