// Sessions: cookie attributes, CSRF and origin checks, listing and revoking,
// expired and forged tokens.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface SessionList {
  sessions: {
    id: string;
    current: boolean;
    kind: string;
    ip: string | null;
    userAgent: string | null;
  }[];
}

describe.each(testDatabaseKinds())('sessions (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;

  beforeAll(async () => {
    api = await createTestApi(kind, { env: { TRUSTED_ORIGINS: 'http://127.0.0.1:5173' } });
    admin = await api.signUpAdmin();
    await api.signUpMember(admin, 'hana');
  });
  afterAll(() => api?.close());

  async function logIn(
    username = 'hana',
    headers: Record<string, string> = {},
  ): Promise<TestClient> {
    const client = api.client();
    await client.expect(
      200,
      'POST',
      '/v1/auth/login',
      { username, password: TEST_PASSWORD },
      { headers },
    );
    return client;
  }

  it('sets an httpOnly, SameSite session cookie and a readable CSRF cookie', async () => {
    const client = api.client();
    const answer = await client.request('POST', '/v1/auth/login', {
      username: 'hana',
      password: TEST_PASSWORD,
    });
    const [session, csrf] = answer.headers.getSetCookie();
    expect(session).toMatch(/^kith_session=[A-Za-z0-9_-]{43}; /);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/Secure/);
    expect(csrf).toMatch(/^kith_csrf=[A-Za-z0-9_-]{43}; /);
    expect(csrf).not.toMatch(/HttpOnly/);
    // Only the token's hash is stored.
    const token = client.cookies.get('kith_session') ?? '';
    const stored = await api.db.selectFrom('sessions').select('tokenHash').execute();
    expect(stored.map((row) => row.tokenHash)).not.toContain(token);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  it('refuses state changes made with the cookie but without the CSRF token', async () => {
    const client = await logIn();
    const missing = await client.request<ErrorResponse>(
      'POST',
      '/v1/invites',
      {},
      { withoutCsrf: true },
    );
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf_failed');
    const wrong = await client.request<ErrorResponse>('POST', '/v1/auth/logout', undefined, {
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.body.error.code).toBe('csrf_failed');
    // Reading needs no token.
    await client.expect(200, 'GET', '/v1/sessions', undefined, { withoutCsrf: true });
    // The session survived both attempts.
    await client.expect(204, 'POST', '/v1/auth/logout');
  });

  it('refuses state-changing requests from other sites', async () => {
    const foreign = await api.client().request<ErrorResponse>(
      'POST',
      '/v1/auth/login',
      { username: 'hana', password: TEST_PASSWORD },
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('origin_not_allowed');
    const crossSite = await api.client().request<ErrorResponse>(
      'POST',
      '/v1/auth/login',
      { username: 'hana', password: TEST_PASSWORD },
      {
        headers: { 'sec-fetch-site': 'cross-site' },
      },
    );
    expect(crossSite.body.error.code).toBe('origin_not_allowed');
    // Our own origin and the configured trusted origin are fine.
    await logIn('hana', { origin: 'http://kith.test' });
    await logIn('hana', { origin: 'http://127.0.0.1:5173' });
  });

  it('lists your sessions and ends one, which signs that device out', async () => {
    const laptop = await logIn();
    const phone = await logIn('hana', { 'user-agent': 'KithPhone/1.0' });
    const list = await laptop.expect<SessionList>(200, 'GET', '/v1/sessions');
    const current = list.sessions.filter((session) => session.current);
    expect(current).toHaveLength(1);
    const phoneSession = list.sessions.find((session) => session.userAgent === 'KithPhone/1.0');
    expect(phoneSession).toMatchObject({ current: false, kind: 'cookie', ip: phone.ip });

    await laptop.expect(204, 'DELETE', `/v1/sessions/${phoneSession?.id}`);
    const signedOut = await phone.request<ErrorResponse>('GET', '/v1/account');
    expect(signedOut.status).toBe(401);
    // The dead cookie is cleared.
    expect(signedOut.headers.getSetCookie().join()).toMatch(/kith_session=;/);
    await laptop.expect(200, 'GET', '/v1/account');
  });

  it('does not let anyone end another person’s session', async () => {
    const hana = await logIn();
    const hanaSessions = await hana.expect<SessionList>(200, 'GET', '/v1/sessions');
    const target = hanaSessions.sessions[0]?.id;
    const answer = await admin.request<ErrorResponse>('DELETE', `/v1/sessions/${target}`);
    expect(answer.status).toBe(404);
    await hana.expect(200, 'GET', '/v1/account');
    const badId = await admin.request<ErrorResponse>('DELETE', '/v1/sessions/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.error.details).toEqual([expect.objectContaining({ path: 'path.id' })]);
  });

  it('treats an expired session as signed out', async () => {
    const client = await logIn();
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second'`.execute(api.db);
    const answer = await client.request<ErrorResponse>('GET', '/v1/account');
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('unauthenticated');
  });

  it('refuses forged and malformed bearer tokens', async () => {
    for (const authorization of [
      `Bearer ${'A'.repeat(43)}`,
      'Bearer short',
      'Basic aGFuYTpwYXNzd29yZA==',
      'Bearer',
      `Bearer ${'A'.repeat(43)} extra`,
    ]) {
      const answer = await api.client().request<ErrorResponse>('GET', '/v1/account', undefined, {
        headers: { authorization },
      });
      expect(answer.status, authorization).toBe(401);
      expect(answer.body.error.code, authorization).toBe('invalid_token');
    }
  });

  it('ignores a forged cookie', async () => {
    const answer = await api.client().request<ErrorResponse>('GET', '/v1/account', undefined, {
      headers: { cookie: `kith_session=${'B'.repeat(43)}` },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('unauthenticated');
  });
});

describe.each(testDatabaseKinds())('sessions over https (%s)', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind, { env: { PUBLIC_URL: 'https://kith.example.com' } });
  });
  afterAll(() => api?.close());

  it('uses __Host- cookies with the Secure attribute', async () => {
    const admin = await api.signUpAdmin();
    const [session, csrf] = (
      await admin.request('POST', '/v1/auth/login', {
        username: 'admin_user',
        password: TEST_PASSWORD,
      })
    ).headers.getSetCookie();
    expect(session).toMatch(/^__Host-kith_session=.*; Path=\/;.*Secure/);
    expect(csrf).toMatch(/^__Host-kith_csrf=.*; Path=\/;.*Secure/);
    await admin.expect(200, 'GET', '/v1/auth/session');
    await admin.expect(
      201,
      'POST',
      '/v1/invites',
      {},
      { headers: { origin: 'https://kith.example.com' } },
    );
  });
});
