import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/accounts/sessions/create-session.js';
import { signedInUser, type TestUser } from '../media/support/media-test-app.js';
import {
  databaseKinds,
  openTestDatabase,
  type TestDatabase,
} from '../media/support/test-database.js';
import { type ServedIssuer, serveOidcIssuer } from './support/serve-oidc-issuer.js';

describe.each(databaseKinds())('OIDC routes on %s', (kind) => {
  let database: TestDatabase;
  let issuer: ServedIssuer;
  let alice: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    issuer = await serveOidcIssuer(database.db);
    alice = await signedInUser(database.db, 'alice');
    admin = await signedInUser(database.db, 'boss', 'admin');
  });
  afterAll(async () => {
    await issuer?.close();
    await database?.close();
  });

  const tokenFor = (user: TestUser) =>
    fetch(`${issuer.url}/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: user.authorization },
    });

  it('serves a discovery document whose issuer and jwks_uri a verifier can follow', async () => {
    const response = await fetch(`${issuer.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(issuer.url);
    expect(discovery.jwks_uri).toBe(`${issuer.url}/.well-known/jwks.json`);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(['ES256']);
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('gives a signed-in member a 15-minute ID token with the contract’s claims', async () => {
    const response = await tokenFor(alice);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; expiresAt: string; expiresIn: number };
    expect(body.expiresIn).toBeGreaterThan(890);
    expect(body.expiresIn).toBeLessThanOrEqual(900);
    const jwks = createRemoteJWKSet(new URL(`${issuer.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.token, jwks, {
      issuer: issuer.url,
      audience: 'kith',
      algorithms: ['ES256'],
    });
    expect(protectedHeader.kid).toBe((await issuer.keys.signer()).kid);
    expect(payload).toMatchObject({
      sub: alice.id,
      preferred_username: 'alice',
      name: 'ALICE',
      roles: [],
      aud: 'kith',
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(new Date(body.expiresAt).getTime()).toBe(payload.exp! * 1000);
  });

  it('marks an admin’s token with the admin role', async () => {
    const body = (await (await tokenFor(admin)).json()) as { token: string };
    const payload = JSON.parse(Buffer.from(body.token.split('.')[1]!, 'base64url').toString());
    expect(payload.roles).toEqual(['admin']);
    expect(decodeProtectedHeader(body.token).alg).toBe('ES256');
  });

  it('issues the service token with the service role and subject', async () => {
    const { token } = await issuer.tokens.issueServiceToken();
    const jwks = createRemoteJWKSet(new URL(`${issuer.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, jwks, { issuer: issuer.url, audience: 'kith' });
    expect(payload).toMatchObject({ sub: 'service:api', roles: ['service'] });
  });

  it('refuses a token to a request without a session, with a forged one, and with an ended one', async () => {
    const expectError = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    };
    await expectError(
      await fetch(`${issuer.url}/v1/auth/token`, { method: 'POST' }),
      401,
      'unauthenticated',
    );
    await expectError(
      await fetch(`${issuer.url}/v1/auth/token`, {
        method: 'POST',
        headers: { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
      }),
      401,
      'invalid_token',
    );
    const ended = await createSession(database.db, {
      userId: alice.id,
      kind: 'bearer',
      ttlHours: 1,
      userAgent: undefined,
      ip: '127.0.0.1',
    });
    await database.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('id', '=', ended.id)
      .execute();
    await expectError(
      await fetch(`${issuer.url}/v1/auth/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ended.token}` },
      }),
      401,
      'invalid_token',
    );
  });

  it('asks a cookie session for its CSRF token before issuing', async () => {
    const session = await createSession(database.db, {
      userId: alice.id,
      kind: 'cookie',
      ttlHours: 1,
      userAgent: undefined,
      ip: '127.0.0.1',
    });
    const cookie = `kith_session=${session.token}`;
    const without = await fetch(`${issuer.url}/v1/auth/token`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(without.status).toBe(403);
    const withToken = await fetch(`${issuer.url}/v1/auth/token`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(withToken.status).toBe(200);
  });
});
