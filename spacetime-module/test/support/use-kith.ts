// Per-test Kith hosts and members: each test starts what it needs, and
// everything is closed after it, clients before servers.
import type { Identity } from 'spacetimedb';
import { afterEach } from 'vitest';
import { useTempDirs } from '../../../spacetime-host/test/support/temp-dirs.js';
import { connectKith, type KithClient, MEMBER_VIEWS, subscribeViews } from './kith-client.js';
import { type TestUser, testUser } from './kith-issuer.js';
import { type KithServer, type KithServerOptions, startKithServer } from './kith-server.js';

export interface Member extends KithClient {
  readonly user: TestUser;
  readonly token: string;
  readonly username: string;
}

export interface MemberOptions {
  readonly roles?: readonly string[];
  readonly displayName?: string;
  /** Views to subscribe to once connected (default: every member view). */
  readonly views?: readonly string[];
}

export interface KithHarness {
  server(options?: KithServerOptions): Promise<KithServer>;
  /** A member who connected with the SDK and subscribed to their views. */
  member(server: KithServer, username: string, options?: MemberOptions): Promise<Member>;
  /** An SDK client with any token (the owner's, the service's). */
  client(server: KithServer, token: string, views?: readonly string[]): Promise<KithClient>;
}

export function useKith(): KithHarness {
  const tempDir = useTempDirs();
  const servers: KithServer[] = [];
  const clients: KithClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.conn.disconnect();
    for (const server of servers.splice(0).reverse()) await server.close();
  });
  const client = async (server: KithServer, token: string, views: readonly string[] = []) => {
    const connected = await connectKith(server, token);
    clients.push(connected);
    if (views.length > 0) await subscribeViews(connected, views);
    return connected;
  };
  return {
    async server(options) {
      const started = await startKithServer(await tempDir(), options);
      servers.push(started);
      return started;
    },
    async member(server, username, options = {}) {
      const user = testUser(username, {
        ...(options.roles === undefined ? {} : { roles: options.roles }),
        ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
      });
      const token = await server.issuer.memberToken(user);
      const connected = await client(server, token, options.views ?? MEMBER_VIEWS);
      return { ...connected, user, token, username };
    },
    client,
  };
}

/** `a` asks, `b` accepts: friends both ways. */
export async function befriend(a: Member, b: Member): Promise<void> {
  await a.conn.reducers.sendFriendRequest({ recipient: b.identity });
  await b.conn.reducers.acceptFriendRequest({ requester: a.identity });
}

export function hex(identity: Identity): string {
  return identity.toHexString();
}

/** Servers only, for the tests that speak HTTP. */
export function useKithServers(): (options?: KithServerOptions) => Promise<KithServer> {
  const harness = useKith();
  return (options) => harness.server(options);
}
