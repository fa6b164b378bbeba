import { afterEach, describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
import {
  DB_NAME,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';
import { connectSdk, type Row, type SdkClient, subscribeSdk } from './support/sdk-client.js';

const tempDir = useTempDirs();
const open: (SdkClient | RealtimeTestServer)[] = [];

afterEach(async () => {
  for (const item of open.splice(0).reverse()) {
    if ('conn' in item) item.conn.disconnect();
    else await item.close();
  }
});

async function server(): Promise<RealtimeTestServer> {
  const started = await startRealtimeServer(await tempDir());
  open.push(started);
  return started;
}

async function client(
  url: string,
  options: Parameters<typeof connectSdk>[2] = {},
): Promise<SdkClient> {
  const connected = await connectSdk(url, DB_NAME, options);
  open.push(connected);
  return connected;
}

const users = (c: SdkClient) =>
  [...c.conn.db.user!.iter()].map((u: Row) => ({
    identity: (u.identity as { toHexString(): string }).toHexString(),
    online: u.online,
  }));

describe('connecting with the official SDK', () => {
  it('gives an anonymous client a new identity and a token for it', async () => {
    const s = await server();
    const anonymous = await client(s.url);
    expect(anonymous.identityHex).toMatch(/^c200[0-9a-f]{60}$/);
    const verified = await s.auth.verify(anonymous.token);
    expect(identityToHex(verified.identity)).toBe(anonymous.identityHex);
    // clientConnected ran for it before it was told it is connected.
    const userRows = s.database().sql(`SELECT * FROM user`, { identity: 0n, connectionId: 0n });
    expect(JSON.stringify((await userRows)[0]!.rows)).toContain(anonymous.identityHex);
  });

  it('keeps the identity of a token across reconnects, and runs clientDisconnected when a client leaves', async () => {
    const s = await server();
    const first = await client(s.url);
    await subscribeSdk(first, ['SELECT * FROM user']);
    expect(users(first)).toEqual([{ identity: first.identityHex, online: true }]);
    first.conn.disconnect();
    await first.disconnected;

    const again = await client(s.url, { token: first.token });
    expect(again.identityHex).toBe(first.identityHex);
    await subscribeSdk(again, ['SELECT * FROM user']);
    expect(users(again)).toEqual([{ identity: first.identityHex, online: true }]);

    const watcher = await client(s.url);
    await subscribeSdk(watcher, ['SELECT * FROM user']);
    again.conn.disconnect();
    await eventually(() =>
      expect(users(watcher)).toContainEqual({ identity: first.identityHex, online: false }),
    );
  });

  it('refuses a bad token before the upgrade, as a connection error', async () => {
    const s = await server();
    const good = await client(s.url);
    const tampered = `${good.token.slice(0, -4)}AAAA`;
    await expect(connectSdk(s.url, DB_NAME, { token: tampered })).rejects.toThrow();
    await expect(connectSdk(s.url, DB_NAME, { token: 'not-a-jwt' })).rejects.toThrow();
    // Nothing ran for the refused attempts: the database still knows one user.
    const rows = await s.database().sql('SELECT * FROM user', { identity: 0n, connectionId: 0n });
    expect(rows[0]!.rows).toHaveLength(1);
  });

  it('refuses a client whose clientConnected throws, and lets others in', async () => {
    const s = await server();
    const doomed = await client(s.url);
    await doomed.conn.reducers.banMe!({});
    doomed.conn.disconnect();
    await doomed.disconnected;
    await expect(connectSdk(s.url, DB_NAME, { token: doomed.token })).rejects.toThrow();
    const other = await client(s.url);
    expect(other.identityHex).not.toBe(doomed.identityHex);
  });

  it('reports an unknown database as a connection error', async () => {
    const s = await server();
    await expect(connectSdk(s.url, 'no-such-db')).rejects.toThrow();
  });
});
