// Invite-only sign-up: the first-admin invite, invite validity, username and
// password rules, and races between sign-ups.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminInvite } from '../../src/accounts/invites/admin-invite.js';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface SignedInBody {
  user: { id: string; username: string; role: string; displayName: string };
  session: { kind: string; csrfToken: string };
  token?: string;
}

describe.each(testDatabaseKinds())('sign-up (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;

  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  async function newInvite(body: object = {}): Promise<string> {
    const created = await admin.expect<{ code: string }>(201, 'POST', '/v1/invites', body);
    return created.code;
  }

  function signUp(code: string, username: string, extra: object = {}) {
    return api.client().request<SignedInBody & ErrorResponse>('POST', '/v1/auth/signup', {
      inviteCode: code,
      username,
      password: TEST_PASSWORD,
      ...extra,
    });
  }

  it('makes the first account the admin through the first-admin invite, which works once', async () => {
    const url = await ensureAdminInvite(api.db, api.config.publicUrl);
    expect(url).toMatch(/^http:\/\/kith\.test\/signup\?invite=[A-Za-z0-9_-]{24}$/);
    // A restart before anyone signed up replaces the link; the old one stops working.
    const second = await ensureAdminInvite(api.db, api.config.publicUrl);
    const oldCode = new URL(url ?? '').searchParams.get('invite') ?? '';
    const code = new URL(second ?? '').searchParams.get('invite') ?? '';
    expect((await signUp(oldCode, 'first_try')).body.error.code).toBe('invite_invalid');

    const first = await signUp(code, 'Root_Person', { displayName: 'Root Person' });
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({
      username: 'root_person',
      role: 'admin',
      displayName: 'Root Person',
    });
    expect((await signUp(code, 'second_admin')).body.error.code).toBe('invite_used_up');
    expect(await ensureAdminInvite(api.db, api.config.publicUrl)).toBeUndefined();

    admin = api.client();
    await admin.expect(200, 'POST', '/v1/auth/login', {
      username: 'root_person',
      password: TEST_PASSWORD,
    });
  });

  it('signs up a member with an invite and starts a cookie session', async () => {
    const code = await newInvite();
    const response = await signUp(code, 'bob', { email: 'Bob@Example.com' });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({
      username: 'bob',
      role: 'member',
      displayName: 'bob',
    });
    expect(response.body.token).toBeUndefined();
    const setCookies = response.headers.getSetCookie().join('\n');
    expect(setCookies).toMatch(/kith_session=[^;]+;.*HttpOnly/);
    const account = await api.db
      .selectFrom('users')
      .select('email')
      .where('username', '=', 'bob')
      .executeTakeFirst();
    expect(account?.email).toBe('bob@example.com');
  });

  it('gives a bearer token instead of cookies when asked', async () => {
    const code = await newInvite();
    const response = await signUp(code, 'carol', { session: 'bearer' });
    expect(response.status).toBe(201);
    expect(response.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.getSetCookie()).toEqual([]);
    const client = api.client();
    client.bearer = response.body.token;
    const session = await client.expect<SignedInBody>(200, 'GET', '/v1/auth/session');
    expect(session.user.username).toBe('carol');
  });

  it('refuses unknown, expired, revoked and used-up invites with a reason', async () => {
    expect((await signUp('not-a-real-code', 'dave')).body.error.code).toBe('invite_invalid');

    const expired = await newInvite();
    await sql`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE uses = 0 AND expires_at > now()`.execute(
      api.db,
    );
    const expiredAnswer = await signUp(expired, 'dave');
    expect(expiredAnswer.status).toBe(400);
    expect(expiredAnswer.body.error.code).toBe('invite_expired');

    const revoked = await newInvite();
    const invites = await admin.expect<{ invites: { id: string; usable: boolean }[] }>(
      200,
      'GET',
      '/v1/invites',
    );
    const usable = invites.invites.filter((invite) => invite.usable);
    expect(usable).toHaveLength(1);
    await admin.expect(204, 'DELETE', `/v1/invites/${usable[0]?.id}`);
    expect((await signUp(revoked, 'dave')).body.error.code).toBe('invite_revoked');

    const twoUses = await newInvite({ maxUses: 2 });
    expect((await signUp(twoUses, 'dave')).status).toBe(201);
    expect((await signUp(twoUses, 'erin')).status).toBe(201);
    expect((await signUp(twoUses, 'frank')).body.error.code).toBe('invite_used_up');
  });

  it('keeps the invite use when the sign-up fails', async () => {
    const code = await newInvite();
    expect((await signUp(code, 'bob')).body.error.code).toBe('username_taken');
    expect((await signUp(code, 'BOB2', { password: 'short' })).body.error.code).toBe(
      'invalid_request',
    );
    expect((await signUp(code, 'grace')).status).toBe(201);
  });

  it('applies the username rules: case-insensitive, reserved names, allowed characters', async () => {
    const code = await newInvite({ maxUses: 10 });
    const taken = await signUp(code, 'BoB');
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'username_taken',
      message: expect.stringMatching(/taken/),
    });

    for (const reserved of ['admin', 'Root', 'KITH', 'support', 'everyone', 'null']) {
      const answer = await signUp(code, reserved);
      expect(answer.status, reserved).toBe(400);
      expect(answer.body.error.code, reserved).toBe('username_reserved');
    }
    for (const bad of ['ab', 'a'.repeat(21), 'has space', 'dash-name', 'émile', '']) {
      const answer = await signUp(code, bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error.code, bad).toBe('invalid_request');
      expect(answer.body.error.details).toEqual([
        expect.objectContaining({ path: 'body.username' }),
      ]);
    }
  });

  it('refuses weak passwords and taken email addresses', async () => {
    const code = await newInvite({ maxUses: 10 });
    const tooShort = await signUp(code, 'heidi', { password: 'short' });
    expect(tooShort.body.error.details).toEqual([
      { path: 'body.password', message: 'must be at least 10 characters' },
    ]);
    expect((await signUp(code, 'heidi', { password: 'x'.repeat(257) })).body.error.code).toBe(
      'invalid_request',
    );
    expect((await signUp(code, 'heidi', { password: 'password123' })).body.error.code).toBe(
      'weak_password',
    );
    expect((await signUp(code, 'heidi', { password: 'zzzzzzzzzzzz' })).body.error.code).toBe(
      'weak_password',
    );
    expect((await signUp(code, 'heidi', { password: 'my name is heidi!' })).body.error.code).toBe(
      'weak_password',
    );
    const email = await signUp(code, 'heidi', { email: 'BOB@example.com' });
    expect(email.status).toBe(409);
    expect(email.body.error.code).toBe('email_taken');
    expect((await signUp(code, 'heidi', { email: 'not an email' })).body.error.code).toBe(
      'invalid_request',
    );
  });

  it('lets exactly one of several simultaneous sign-ups take a username', async () => {
    const code = await newInvite({ maxUses: 10 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => signUp(code, 'racer')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const uses = await api.db
      .selectFrom('invites')
      .select('uses')
      .where('maxUses', '=', 10)
      .where('uses', '>', 0)
      .execute();
    expect(uses.map((row) => row.uses)).toEqual([1]);
  });

  it('lets exactly one of several simultaneous sign-ups take an invite’s last use', async () => {
    const code = await newInvite({ maxUses: 1 });
    const answers = await Promise.all(
      ['last_a', 'last_b', 'last_c', 'last_d'].map((username) => signUp(code, username)),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refusals = answers.filter((answer) => answer.status !== 201);
    expect(refusals.map((answer) => answer.body.error.code)).toEqual([
      'invite_used_up',
      'invite_used_up',
      'invite_used_up',
    ]);
    const created = await api.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', 'last_%')
      .execute();
    expect(created).toHaveLength(1);
  });

  it('limits sign-up attempts per address', async () => {
    const client = api.client();
    let last = 0;
    for (let attempt = 0; attempt < 11; attempt++) {
      last = (
        await client.request('POST', '/v1/auth/signup', {
          inviteCode: 'x',
          username: 'zed',
          password: TEST_PASSWORD,
        })
      ).status;
    }
    expect(last).toBe(429);
    const limited = await client.request<ErrorResponse>('POST', '/v1/auth/signup', {});
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
