import type { IncomingMessage } from 'node:http';
import { upgradeWebSocket } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { identityToHex } from '../../src/auth/identity.js';
import type { FakeDatabase } from './fake-host.js';
import { FAKE_MODULE_DEF_V10 } from './fake-host.js';
import { startTestServer, type TestServer } from './http-test-server.js';

describe('/v1/database/:name_or_identity', () => {
  let server: TestServer;
  let owner: { identity: string; token: string };
  let stranger: { identity: string; token: string };
  let database: FakeDatabase;
  let dbHex: string;
  beforeAll(async () => {
    server = await startTestServer();
    owner = await server.newToken();
    stranger = await server.newToken();
    await server.request('/v1/database/shop?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: 'v1',
    });
    database = server.host.find('shop')!;
    dbHex = identityToHex(database.identity);
  });
  afterAll(() => server.close());

  it('describes the database by name or identity', async () => {
    for (const key of ['shop', dbHex, `0x${dbHex}`]) {
      const response = await server.request(`/v1/database/${key}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        database_identity: { __identity__: `0x${database.identity.toString(16)}` },
        owner_identity: { __identity__: `0x${owner.identity.replace(/^0+/, '')}` },
        host_type: { Js: [] },
        initial_program: '0x0',
      });
    }
  });

  it('answers 404 for unknown databases, worded as SpacetimeDB does', async () => {
    const byName = await server.request('/v1/database/nope');
    expect(byName.status).toBe(404);
    expect(await byName.text()).toBe('`nope` not found');
    const byIdentity = await server.request(`/v1/database/${'1'.repeat(64)}/names`);
    expect(byIdentity.status).toBe(404);
    expect(await byIdentity.text()).toBe('No such database.');
  });

  it('lists names and resolves names to identities', async () => {
    expect(await (await server.request('/v1/database/shop/names')).json()).toEqual({
      names: ['shop'],
    });
    const identity = await server.request('/v1/database/shop/identity');
    expect(identity.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await identity.text()).toBe(dbHex);
    // An identity resolves to itself, database or not.
    const echo = await server.request(`/v1/database/0x${'2'.repeat(64)}/identity`);
    expect(await echo.text()).toBe('2'.repeat(64));
    expect((await server.request('/v1/database/unknown/identity')).status).toBe(404);
  });

  it('returns the module def as SATS-JSON for version 10', async () => {
    const response = await server.request('/v1/database/shop/schema?version=10');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(FAKE_MODULE_DEF_V10);
  });

  it.each([
    ['version=9', /cannot convert it to version 9/],
    ['', 'Failed to deserialize query string: missing field `version`'],
    ['version=11', /unknown variant `11`/],
  ])('answers 400 for /schema?%s', async (query, message) => {
    const response = await server.request(`/v1/database/shop/schema?${query}`);
    expect(response.status).toBe(400);
    const text = await response.text();
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });

  it('mints an identity for anonymous callers and says so in the response headers', async () => {
    const response = await server.request('/v1/database/shop/names');
    const identity = response.headers.get('spacetime-identity');
    expect(identity).toMatch(/^c200[0-9a-f]{60}$/);
    expect(response.headers.get('spacetime-identity-token')).toMatch(/^ey/);
    const known = await server.request('/v1/database/shop/names', { token: owner.token });
    expect(known.headers.get('spacetime-identity')).toBe(owner.identity);
    expect(known.headers.get('spacetime-identity-token')).toBe(owner.token);
    // Even error responses carry them, as SpacetimeDB's middleware adds them to any response.
    const missing = await server.request('/v1/database/missing-db/names', { token: owner.token });
    expect(missing.headers.get('spacetime-identity')).toBe(owner.identity);
  });

  it('answers CORS preflights and allows any origin on every response, errors included', async () => {
    const preflight = await server.request('/v1/database/shop/call/buy', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization,accept,content-type',
    );
    for (const path of ['/v1/ping', '/v1/database/shop/names', '/v1/database/missing-db/names']) {
      const response = await server.request(path, { token: owner.token });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('rejects a bad token before anything else', async () => {
    const response = await server.request('/v1/database/shop/names', { token: 'garbage' });
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/^Invalid token/);
  });

  it('answers 501 for SpacetimeDB routes this host does not implement', async () => {
    const response = await server.request('/v1/database/shop/lock', {
      method: 'POST',
      token: owner.token,
    });
    expect(response.status).toBe(501);
    expect(await response.text()).toBe('spacetime-host does not support database locks');
  });

  it('answers 501 on the subscribe route until a WebSocket handler is plugged in', async () => {
    const response = await server.request('/v1/database/shop/subscribe');
    expect(response.status).toBe(501);
  });

  it('lets only the owner delete; deleting an unknown identity succeeds, an unknown name does not', async () => {
    await server.request('/v1/database/doomed?host_type=Js', {
      method: 'PUT',
      token: owner.token,
      body: 'v1',
    });
    const forbidden = await server.request('/v1/database/doomed', {
      method: 'DELETE',
      token: stranger.token,
    });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toMatch(/: delete database$/);
    expect(server.host.find('doomed')).toBeDefined();

    const deleted = await server.request('/v1/database/doomed', {
      method: 'DELETE',
      token: owner.token,
    });
    expect(deleted.status).toBe(200);
    expect(server.host.find('doomed')).toBeUndefined();

    const unknownIdentity = await server.request(`/v1/database/${'3'.repeat(64)}`, {
      method: 'DELETE',
      token: owner.token,
    });
    expect(unknownIdentity.status).toBe(200);
    const unknownName = await server.request('/v1/database/doomed', {
      method: 'DELETE',
      token: owner.token,
    });
    expect(unknownName.status).toBe(404);
  });
});

describe('subscribe seam', () => {
  it('hands the authenticated caller and the resolved database to the plugged-in handler', async () => {
    const seen: string[] = [];
    const server = await startTestServer({
      subscribe: async (c) => {
        seen.push(`${identityToHex(c.get('caller').identity)} -> ${c.get('database').names[0]}`);
        return c.text('upgrade here');
      },
    });
    try {
      const { identity, token } = await server.newToken();
      await server.request('/v1/database/live?host_type=Js', { method: 'PUT', token, body: 'v1' });
      const response = await server.request(`/v1/database/live/subscribe?token=${token}`);
      expect(await response.text()).toBe('upgrade here');
      expect(seen).toEqual([`${identity} -> live`]);
      expect((await server.request('/v1/database/dead/subscribe')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('upgrades to a WebSocket through @hono/node-server, with the identity headers on the handshake', async () => {
    const wss = new WebSocketServer({ noServer: true });
    const server = await startTestServer(
      {
        subscribe: upgradeWebSocket((c) => ({
          onOpen: (_event, ws) => {
            ws.send(
              `hello ${identityToHex(c.get('caller').identity)} on ${c.get('database').names[0]}`,
            );
          },
        })),
      },
      wss,
    );
    try {
      const { identity, token } = await server.newToken();
      await server.request('/v1/database/live?host_type=Js', { method: 'PUT', token, body: 'v1' });
      const socket = new WebSocket(
        `${server.url.replace('http', 'ws')}/v1/database/live/subscribe?token=${token}`,
      );
      const [upgrade, message] = await Promise.all([
        new Promise<IncomingMessage>((resolve) => socket.once('upgrade', resolve)),
        new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data)))),
      ]);
      expect(upgrade.headers['spacetime-identity']).toBe(identity);
      expect(message).toBe(`hello ${identity} on live`);
      socket.close();

      const refused = new WebSocket(
        `${server.url.replace('http', 'ws')}/v1/database/dead/subscribe`,
      );
      const status = await new Promise<number>((resolve) =>
        refused.once('unexpected-response', (_request, response) =>
          resolve(response.statusCode ?? 0),
        ),
      );
      expect(status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
