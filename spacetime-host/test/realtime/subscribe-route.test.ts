import { describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import { V2_PROTOCOL, V3_PROTOCOL } from '../../src/protocol/ws-protocol.js';
import { NO_ARGS } from './support/chat-values.js';
import { connectRaw, HttpRefusal } from './support/raw-client.js';
import { useRawSessions } from './support/raw-sessions.js';
import { DB_NAME } from './support/realtime-test-server.js';

const { server, raw } = useRawSessions();

describe('the subscribe route', () => {
  it('prefers v3, speaks v2 when only v2 is offered, and refuses v1 with 400', async () => {
    const s = await server();
    expect((await raw(s)).protocol).toBe(V3_PROTOCOL);
    expect((await raw(s, { protocols: [V2_PROTOCOL] })).protocol).toBe(V2_PROTOCOL);
    const refusal = await connectRaw(s.url, DB_NAME, { protocols: ['v1.bsatn.spacetimedb'] }).catch(
      (e) => e,
    );
    expect(refusal).toBeInstanceOf(HttpRefusal);
    expect(refusal).toMatchObject({ status: 400 });
  });

  it('gives an anonymous client a new identity in InitialConnection and in the handshake headers', async () => {
    const s = await server();
    const client = await raw(s);
    const first = client.messages[0];
    if (first?.tag !== 'InitialConnection') throw new Error('expected InitialConnection first');
    expect(client.upgradeHeaders['spacetime-identity']).toBe(identityToHex(first.identity));
    expect(client.upgradeHeaders['spacetime-identity-token']).toBe(first.token);
    expect((await s.auth.verify(first.token)).identity).toBe(first.identity);
    expect(first.connectionId).not.toBe(0n);
  });

  it('starts with InitialConnection: the token identity, the requested connection id, the same token', async () => {
    const s = await server();
    const { token, identity } = await s.auth.issueNewIdentity();
    const connectionId = 0x0123456789abcdef0123456789abcdefn;
    const client = await raw(s, {
      token,
      query: { connection_id: connectionId.toString(16).padStart(32, '0') },
    });
    expect(client.messages[0]).toEqual({ tag: 'InitialConnection', identity, connectionId, token });
  });

  it.each([
    [{ compression: 'Zip' }, 400, /unknown variant `Zip`/],
    [{ connection_id: '0'.repeat(32) }, 400, /all-zeros ConnectionId is reserved/],
    [{ connection_id: 'xyz' }, 400, /expected 32 hex digits/],
    [{ confirmed: 'yes' }, 400, /not `true` or `false`/],
    [{ token: 'a.b.c' }, 401, /Invalid token/],
  ])('refuses %o with %i before upgrading', async (query, status, body) => {
    const s = await server();
    const refusal = await connectRaw(s.url, DB_NAME, { query }).catch((e) => e);
    expect(refusal).toBeInstanceOf(HttpRefusal);
    expect(refusal.status).toBe(status);
    // A refused upgrade carries no body; the same request without the upgrade shows why.
    const response = await fetch(
      `${s.url}/v1/database/${DB_NAME}/subscribe?${new URLSearchParams(query)}`,
    );
    expect(response.status).toBe(status);
    expect(await response.text()).toMatch(body);
  });

  it('refuses with 403 when clientConnected throws, and 404 for an unknown database', async () => {
    const s = await server();
    const { token } = await s.auth.issueNewIdentity();
    const client = await raw(s, { token });
    client.send({ tag: 'CallReducer', requestId: 1, flags: 0, reducer: 'ban_me', args: NO_ARGS });
    await client.next('ReducerResult');
    client.socket.close();
    await client.closed;
    await expect(connectRaw(s.url, DB_NAME, { token })).rejects.toMatchObject({ status: 403 });
    await expect(connectRaw(s.url, 'nowhere')).rejects.toMatchObject({ status: 404 });
  });

  it('answers a plain GET (no upgrade) with 400', async () => {
    const s = await server();
    const response = await fetch(`${s.url}/v1/database/${DB_NAME}/subscribe`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("`Upgrade` header did not include 'websocket'");
  });
});
