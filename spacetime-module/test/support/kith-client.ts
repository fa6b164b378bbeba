// Official SDK clients of the Kith database, through the bindings in
// shared/module_bindings (`npm run generate`; a test keeps them fresh).

import { DbConnection } from '@kith/shared/module-bindings';
import { type Identity, setGlobalLogLevel } from 'spacetimedb';
import { WebSocket as UndiciWebSocket } from 'undici';
import { KITH_DB } from './kith-server.js';

// Only the SDK's errors, not its per-connection info lines.
(setGlobalLogLevel as (level: string) => void)('error');
// Node 20 has no global WebSocket; the SDK would load undici through a dynamic
// import that the test runner cannot follow.
(globalThis as { WebSocket?: unknown }).WebSocket ??= UndiciWebSocket;

/** Every view a member's app subscribes to. */
export const MEMBER_VIEWS = [
  'my_account',
  'my_settings',
  'visible_account',
  'visible_former_username',
  'my_friendship',
  'friend_friendship',
  'my_friend_request',
  'my_block',
  'visible_presence',
  'visible_typing',
  'public_post',
  'friend_post',
  'my_post',
  'public_post_stats',
  'friend_post_stats',
  'my_post_stats',
  'my_post_revision',
  'public_comment',
  'friend_comment',
  'my_comment',
  'public_comment_stats',
  'friend_comment_stats',
  'my_comment_stats',
  'visible_reaction',
  'my_notification',
  'public_media',
  'visible_media',
  'visible_sound',
  'my_report',
  'my_mute',
  'rate_limit',
] as const;

export const ADMIN_VIEWS = [
  'admin_report',
  'admin_sound',
  'admin_reported_post',
  'admin_reported_comment',
  'admin_ban',
  'admin_mute',
  'admin_grant_list',
  'admin_audit_log',
  'admin_account',
] as const;

export const SERVICE_VIEWS = [
  'service_account',
  'service_post',
  'service_comment',
  'service_reaction',
  'service_friendship',
  'service_block',
] as const;

export interface KithClient {
  readonly conn: DbConnection;
  readonly identity: Identity;
  /** Resolves with the SDK's error when the connection ends. */
  readonly disconnected: Promise<unknown>;
  /**
   * Resolves once every transaction committed before this call has reached
   * this client's cache: the server answers a reducer call after the updates
   * of earlier transactions, so a call that is refused without changing
   * anything is a barrier.
   */
  settle(): Promise<void>;
}

/** Connects with `token`; rejects with the SDK's error when the module refuses the connection. */
export function connectKith(server: { readonly url: string }, token: string): Promise<KithClient> {
  return new Promise((resolve, reject) => {
    let connected = false;
    let ended!: (error: unknown) => void;
    const disconnected = new Promise<unknown>((r) => {
      ended = r;
    });
    DbConnection.builder()
      .withUri(server.url)
      .withDatabaseName(KITH_DB)
      .withToken(token)
      // The SDK decompresses each compressed frame asynchronously, so a small
      // uncompressed frame can overtake a large compressed one that arrived
      // before it; uncompressed frames keep arrival order, which settle() needs.
      .withCompression('none')
      .onConnect((conn, identity) => {
        connected = true;
        resolve({ conn, identity, disconnected, settle: () => settle(conn) });
      })
      .onConnectError((_ctx, error) => reject(error))
      .onDisconnect((_ctx, error) => {
        ended(error);
        if (!connected) reject(new Error(`disconnected before connecting: ${String(error)}`));
      })
      .build();
  });
}

/** Subscribes to every row of `views` and resolves once they are applied. */
export function subscribeViews(client: KithClient, views: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    client.conn
      .subscriptionBuilder()
      .onApplied(() => resolve())
      .onError((ctx) => reject(ctx.event ?? new Error('subscription failed')))
      .subscribe(views.map((view) => `SELECT * FROM ${view}`));
  });
}

async function settle(conn: DbConnection): Promise<void> {
  // Always refused, before it reads or writes anything.
  await conn.reducers
    .reportContent({ targetKind: 'nothing', targetId: '', reason: '' })
    .catch(() => undefined);
}
