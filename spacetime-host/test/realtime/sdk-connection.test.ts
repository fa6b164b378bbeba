import { describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import { eventually } from '../support/eventually.js';
import { DB_NAME } from './support/realtime-test-server.js';
import { connectSdk, type SdkClient, subscribeSdk } from './support/sdk-client.js';
import { useSdkHarness } from './support/sdk-harness.js';

const { server, client } = useSdkHarness();

const users = (c: SdkClient) =>
  [...c.conn.db.user.iter()].map((u) => ({
    identity: u.identity.toHexString(),
    online: u.online,
  }));

describe('connecting with the official SDK', () => {
  it('gives an anonymous client a new identity and a token for it', async () => {
    const s = await server();
    const anonymous = await client(s);
    expect(anonymous.identityHex).toMatch(/^c200[0-9a-f]{60}$/);
    const verified = await s.auth.verify(anonymous.token);
    expect(identityToHex(verified.identity)).toBe(anonymous.identityHex);
    // clientConnected ran for it before it was told it is connected.
    const userRows = s.database().sql(`SELECT * FROM user`, { identity: 0n, connectionId: 0n });
    expect(JSON.stringify((await userRows)[0]!.rows)).toContain(anonymous.identityHex);
  });

  it('keeps the identity of a token across reconnects, and runs clientDisconnected when a client leaves', async () => {
    const s = await server();
    const first = await client(s);
    await subscribeSdk(first, ['SELECT * FROM user']);
    expect(users(first)).toEqual([{ identity: first.identityHex, online: true }]);
    first.conn.disconnect();
    await first.disconnected;

    const again = await client(s, { token: first.token });
    expect(again.identityHex).toBe(first.identityHex);
    await subscribeSdk(again, ['SELECT * FROM user']);
    expect(users(again)).toEqual([{ identity: first.identityHex, online: true }]);

    const watcher = await client(s);
    await subscribeSdk(watcher, ['SELECT * FROM user']);
    again.conn.disconnect();
    await eventually(() =>
      expect(users(watcher)).toContainEqual({ identity: first.identityHex, online: false }),
    );
  });

  it('refuses a bad token before the upgrade, as a connection error', async () => {
    const s = await server();
    const good = await client(s);
    const tampered = `${good.token.slice(0, -4)}AAAA`;
    await expect(connectSdk(s.url, DB_NAME, { token: tampered })).rejects.toThrow();
    await expect(connectSdk(s.url, DB_NAME, { token: 'not-a-jwt' })).rejects.toThrow();
    // Nothing ran for the refused attempts: the database still knows one user.
    const rows = await s.database().sql('SELECT * FROM user', { identity: 0n, connectionId: 0n });
    expect(rows[0]!.rows).toHaveLength(1);
  });

  it('refuses a client whose clientConnected throws, and lets others in', async () => {
    const s = await server();
    const doomed = await client(s);
    await doomed.conn.reducers.banMe({});
    doomed.conn.disconnect();
    await doomed.disconnected;
    await expect(connectSdk(s.url, DB_NAME, { token: doomed.token })).rejects.toThrow();
    const other = await client(s);
    expect(other.identityHex).not.toBe(doomed.identityHex);
  });

  it('reports an unknown database as a connection error', async () => {
    const s = await server();
    await expect(connectSdk(s.url, 'no-such-db')).rejects.toThrow();
  });
});
