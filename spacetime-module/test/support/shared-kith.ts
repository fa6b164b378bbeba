// One Kith host per test file, and fresh members for each test: tests do not
// share people, so they do not see each other's friendships or content
// (public posts aside, which tests read by their own texts).
import { afterAll, afterEach, beforeAll } from 'vitest';
import { useTempDirs } from '../../../spacetime-host/test/support/temp-dirs.js';
import { connectKith, type KithClient, MEMBER_VIEWS, subscribeViews } from './kith-client.js';
import { testUser } from './kith-issuer.js';
import { type KithServer, startKithServer } from './kith-server.js';
import type { Member, MemberOptions } from './use-kith.js';

export interface SharedKith {
  /** The file's server (started before its first test). */
  readonly server: KithServer;
  /** A new member named `<name>_<n>`, connected and subscribed to every member view. */
  member(name: string, options?: MemberOptions): Promise<Member>;
  /** An SDK client with any token, closed after the test. */
  client(token: string, views?: readonly string[]): Promise<KithClient>;
  /** The owner, connected with the SDK. */
  owner(views?: readonly string[]): Promise<KithClient>;
}

let counter = 0;

export function useSharedKith(): SharedKith {
  const tempDir = useTempDirs();
  let server: KithServer | undefined;
  const clients: KithClient[] = [];
  beforeAll(async () => {
    server = await startKithServer(await tempDir());
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.conn.disconnect();
  });
  afterAll(async () => {
    await server?.close();
  });
  const started = (): KithServer => {
    if (server === undefined) throw new Error('the server starts before the first test');
    return server;
  };
  const client = async (token: string, views: readonly string[] = []) => {
    const connected = await connectKith(started(), token);
    clients.push(connected);
    if (views.length > 0) await subscribeViews(connected, views);
    return connected;
  };
  return {
    get server() {
      return started();
    },
    async member(name, options = {}) {
      counter++;
      const username = `${name}_${counter}`.slice(0, 20);
      const user = testUser(username, {
        ...(options.roles === undefined ? {} : { roles: options.roles }),
        ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
      });
      const token = await started().issuer.memberToken(user);
      const connected = await client(token, options.views ?? MEMBER_VIEWS);
      return { ...connected, user, token, username };
    },
    client,
    owner: (views = []) => client(started().ownerToken, views),
  };
}
