// Logging in and out, and brute-force protection per account and per address.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_THROTTLE_POLICIES } from '../../src/accounts/throttling/login-throttle.js';
import { createTestApi, freshAddress, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

describe.each(testDatabaseKinds())('log-in (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;

  beforeAll(async () => {
    api = await createTestApi(kind);
    admin = await api.signUpAdmin();
    for (const name of ['dora', 'eve', 'finn', 'gus']) await api.signUpMember(admin, name);
  });
  afterAll(() => api?.close());

  function logIn(client: TestClient, username: string, password: string, session = 'cookie') {
    return client.request<ErrorResponse & { token?: string }>('POST', '/v1/auth/login', {
      username,
      password,
      session,
    });
  }

  it('logs in with the right password, whatever the username’s case, and logs out', async () => {
    const client = api.client();
    expect((await logIn(client, '  DORA ', TEST_PASSWORD)).status).toBe(200);
    const session = await client.expect<{ user: { username: string } }>(
      200,
      'GET',
      '/v1/auth/session',
    );
    expect(session.user.username).toBe('dora');

    await client.expect(204, 'POST', '/v1/auth/logout');
    expect(client.cookies.size).toBe(0);
    const after = await client.request<ErrorResponse>('GET', '/v1/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('answers a wrong password and an unknown username the same way', async () => {
    const wrong = await logIn(api.client(), 'dora', 'not the password at all');
    const unknown = await logIn(api.client(), 'nobody_here', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({
      code: 'invalid_credentials',
      message: 'Wrong username or password.',
    });
  });

  it('locks an account after repeated wrong passwords, from any address, then lets it in once the lock ends', async () => {
    const { threshold } = LOGIN_THROTTLE_POLICIES.account;
    for (let attempt = 0; attempt < threshold; attempt++) {
      expect((await logIn(api.client(), 'eve', 'wrong password attempt')).status).toBe(401);
    }
    // Even the right password, from a new address, waits for the lock.
    const locked = await logIn(api.client(), 'eve', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(locked.body.error.message).toMatch(/this account/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE_POLICIES.account.baseLockSeconds);

    // Another failure after the lock ends doubles the next lock.
    await sql`UPDATE login_throttles SET locked_until = now() - interval '1 second' WHERE key = 'eve'`.execute(
      api.db,
    );
    expect((await logIn(api.client(), 'eve', 'wrong password again')).status).toBe(401);
    const doubled = await logIn(api.client(), 'eve', TEST_PASSWORD);
    expect(Number(doubled.headers.get('retry-after'))).toBeGreaterThan(
      LOGIN_THROTTLE_POLICIES.account.baseLockSeconds,
    );

    await sql`UPDATE login_throttles SET locked_until = now() - interval '1 second' WHERE key = 'eve'`.execute(
      api.db,
    );
    expect((await logIn(api.client(), 'eve', TEST_PASSWORD)).status).toBe(200);
    // Success forgets the account's failures.
    const remaining = await api.db
      .selectFrom('loginThrottles')
      .selectAll()
      .where('key', '=', 'eve')
      .execute();
    expect(remaining).toEqual([]);
  });

  it('locks out unknown usernames too, so a lockout does not reveal whether an account exists', async () => {
    const { threshold } = LOGIN_THROTTLE_POLICIES.account;
    for (let attempt = 0; attempt <= threshold; attempt++)
      await logIn(api.client(), 'ghost_user', 'wrong password x');
    expect((await logIn(api.client(), 'ghost_user', 'wrong password x')).body.error.code).toBe(
      'too_many_attempts',
    );
  });

  it('locks an address that guesses across many accounts, while other addresses still log in', async () => {
    const guesser = api.client(freshAddress());
    const { threshold } = LOGIN_THROTTLE_POLICIES.ip;
    for (let attempt = 0; attempt < threshold; attempt++) {
      // A different username each time, so no account lock kicks in.
      expect((await logIn(guesser, `guess_${attempt}`, 'wrong password')).status).toBe(401);
    }
    const blocked = await logIn(guesser, 'finn', TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/network address/);
    expect((await logIn(api.client(), 'finn', TEST_PASSWORD)).status).toBe(200);
  });

  it('limits log-in requests per address, right passwords included', async () => {
    const client = api.client();
    let status = 0;
    for (let attempt = 0; attempt < 61 && status !== 429; attempt++) {
      status = (await client.request('POST', '/v1/auth/login', { username: 'x', password: '' }))
        .status;
    }
    expect(status).toBe(429);
    const limited = await logIn(client, 'gus', TEST_PASSWORD);
    expect(limited.body.error.code).toBe('rate_limited');
  });

  it('gives bearer sessions to non-browser clients', async () => {
    const client = api.client();
    const answer = await logIn(client, 'gus', TEST_PASSWORD, 'bearer');
    expect(answer.status).toBe(200);
    expect(client.cookies.size).toBe(0);
    client.bearer = answer.body.token;
    // No CSRF token needed: a bearer token is not sent by browsers on their own.
    await client.expect(204, 'POST', '/v1/auth/logout');
    const after = await client.request<ErrorResponse>('GET', '/v1/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_token');
  });

  it('re-hashes a password stored with weaker parameters at the next login', async () => {
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(TEST_PASSWORD, {
      algorithm: 2,
      memoryCost: 8192,
      timeCost: 1,
      parallelism: 1,
    });
    await api.db
      .updateTable('users')
      .set({ passwordHash: weak })
      .where('username', '=', 'dora')
      .execute();
    expect((await logIn(api.client(), 'dora', TEST_PASSWORD)).status).toBe(200);
    const row = await api.db
      .selectFrom('users')
      .select('passwordHash')
      .where('username', '=', 'dora')
      .executeTakeFirst();
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
