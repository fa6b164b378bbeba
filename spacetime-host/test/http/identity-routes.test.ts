import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityFromClaims, identityToHex } from '../../src/auth/identity.js';
import { startTestServer, type TestServer } from './http-test-server.js';

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

describe('/v1/identity', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('POST mints a new identity and a token for it', async () => {
    const response = await server.request('/v1/identity', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { identity: string; token: string };
    expect(Object.keys(body)).toEqual(['identity', 'token']);
    expect(body.identity).toMatch(/^c200[0-9a-f]{60}$/);
    const payload = payloadOf(body.token);
    expect(body.identity).toBe(
      identityToHex(identityFromClaims('localhost', payload.sub as string)),
    );
    expect((await server.auth.verify(body.token)).identity.toString(16)).toBe(body.identity);
  });

  it('serves the public key as PEM', async () => {
    const response = await server.request('/v1/identity/public-key');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pem-certificate-chain');
    expect(await response.text()).toBe(server.auth.publicKeyPem);
  });

  it('issues a 60 s websocket token for the same identity', async () => {
    const { identity, token } = await server.newToken();
    const response = await server.request('/v1/identity/websocket-token', {
      method: 'POST',
      token,
    });
    expect(response.status).toBe(200);
    const short = ((await response.json()) as { token: string }).token;
    const payload = payloadOf(short);
    expect(payload.hex_identity).toBe(identity);
    expect(payload.exp).toBe((payload.iat as number) + 60);
    expect((await server.auth.verify(short)).identity.toString(16)).toBe(identity);
  });

  it('refuses a websocket token without credentials', async () => {
    const response = await server.request('/v1/identity/websocket-token', { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('Authorization required');
  });

  it('verifies an identity against its token', async () => {
    const alice = await server.newToken();
    const bob = await server.newToken();
    const ok = await server.request(`/v1/identity/${alice.identity}/verify`, {
      token: alice.token,
    });
    expect(ok.status).toBe(204);
    const mismatch = await server.request(`/v1/identity/${bob.identity}/verify`, {
      token: alice.token,
    });
    expect(mismatch.status).toBe(400);
    const anonymous = await server.request(`/v1/identity/${alice.identity}/verify`);
    expect(anonymous.status).toBe(401);
    const badPath = await server.request('/v1/identity/not-hex/verify', { token: alice.token });
    expect(badPath.status).toBe(400);
    expect(await badPath.text()).toMatch(/not a 64-digit hex identity/);
  });

  it('rejects a token this host did not sign with a 401 and the reason', async () => {
    const other = await startTestServer();
    try {
      const { identity, token } = await other.newToken();
      const response = await server.request(`/v1/identity/${identity}/verify`, { token });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('Authorization failed: token not signed by this instance');
    } finally {
      await other.close();
    }
  });

  it('answers 400 for an Authorization header that is not a bearer token', async () => {
    const response = await server.request('/v1/identity/websocket-token', {
      method: 'POST',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Authorization is invalid: malformed token');
  });

  it('accepts the token as a ?token= query parameter and a lower-case bearer scheme', async () => {
    const { identity, token } = await server.newToken();
    const viaQuery = await server.request(`/v1/identity/${identity}/verify?token=${token}`);
    expect(viaQuery.status).toBe(204);
    const lower = await server.request(`/v1/identity/${identity}/verify`, {
      headers: { authorization: `bearer ${token}` },
    });
    expect(lower.status).toBe(204);
  });

  it('lists the databases an identity owns', async () => {
    const { identity, token } = await server.newToken();
    const published = await server.request('/v1/database/owned-db?host_type=Js', {
      method: 'PUT',
      token,
      body: 'export default {}',
    });
    expect(published.status).toBe(200);
    const created = ((await published.json()) as { Success: { database_identity: string } })
      .Success;
    const response = await server.request(`/v1/identity/${identity}/databases`);
    expect(await response.json()).toEqual({ identities: [created.database_identity] });
    const none = await server.request(`/v1/identity/${'0'.repeat(64)}/databases`);
    expect(await none.json()).toEqual({ identities: [] });
  });
});

describe('/v1/ping', () => {
  it('answers 200, and 401 for a bad token', async () => {
    const server = await startTestServer();
    try {
      expect((await server.request('/v1/ping')).status).toBe(200);
      expect((await server.request('/v1/ping', { token: 'a.b.c' })).status).toBe(401);
      expect((await server.request('/v1/nothing-here')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
