// Changing a password, and resetting it through a single-use, expiring link
// (logged when SMTP is not configured).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetsSettled } from '../../src/accounts/passwords/request-password-reset.js';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

const NEW_PASSWORD = 'an entirely new passphrase';

describe.each(testDatabaseKinds())('passwords (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;

  beforeAll(async () => {
    api = await createTestApi(kind);
    admin = await api.signUpAdmin();
  });
  afterAll(() => api?.close());

  async function logIn(username: string, password = TEST_PASSWORD): Promise<TestClient> {
    const client = api.client();
    await client.expect(200, 'POST', '/v1/auth/login', { username, password });
    return client;
  }

  /** The reset links logged so far for a username. */
  function loggedLinks(username: string): string[] {
    return api.logs
      .records()
      .filter((record) => record.username === username && typeof record.resetLink === 'string')
      .map((record) => String(record.resetLink));
  }

  function tokenOf(link: string | undefined): string {
    return new URL(link ?? 'http://x').searchParams.get('token') ?? '';
  }

  /** Asks for a link, and waits for the work the API does after answering. */
  async function requestReset(login: string): Promise<void> {
    await api.client().expect(202, 'POST', '/v1/auth/password-reset', { login });
    await passwordResetsSettled();
  }

  it('changes the password, keeps this session and ends the others', async () => {
    const here = await api.signUpMember(admin, 'ivan');
    const elsewhere = await logIn('ivan');
    const wrong = await here.request<ErrorResponse>('POST', '/v1/account/password', {
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    const weak = await here.request<ErrorResponse>('POST', '/v1/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: '1234567890',
    });
    expect(weak.body.error.code).toBe('weak_password');

    await here.expect(204, 'POST', '/v1/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    await here.expect(200, 'GET', '/v1/account');
    expect((await elsewhere.request('GET', '/v1/account')).status).toBe(401);
    expect(
      (
        await api
          .client()
          .request('POST', '/v1/auth/login', { username: 'ivan', password: TEST_PASSWORD })
      ).status,
    ).toBe(401);
    await logIn('ivan', NEW_PASSWORD);
  });

  it('ends the reset links sent before a password change', async () => {
    const here = await api.signUpMember(admin, 'ines');
    await requestReset('ines');
    const [before] = loggedLinks('ines').map(tokenOf);
    await here.expect(204, 'POST', '/v1/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    const stale = await api
      .client()
      .request<ErrorResponse>('POST', '/v1/auth/password-reset/confirm', {
        token: before,
        newPassword: 'the thief’s new passphrase',
      });
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('reset_link_used');
    await logIn('ines', NEW_PASSWORD);

    // A link asked for after the change works.
    await requestReset('ines');
    const after = tokenOf(loggedLinks('ines')[1]);
    await api.client().expect(204, 'POST', '/v1/auth/password-reset/confirm', {
      token: after,
      newPassword: 'a third new passphrase',
    });
    await logIn('ines', 'a third new passphrase');
  });

  it('resets a password with a logged link, once, and ends every session', async () => {
    await api.signUpMember(admin, 'judy');
    const signedIn = await logIn('judy');
    await requestReset('JUDY');
    const [link] = loggedLinks('judy');
    expect(link).toMatch(/^http:\/\/kith\.test\/reset-password\?token=[A-Za-z0-9_-]{43}$/);

    const token = tokenOf(link);
    await api
      .client()
      .expect(204, 'POST', '/v1/auth/password-reset/confirm', { token, newPassword: NEW_PASSWORD });
    expect((await signedIn.request('GET', '/v1/account')).status).toBe(401);
    await logIn('judy', NEW_PASSWORD);

    const replay = await api
      .client()
      .request<ErrorResponse>('POST', '/v1/auth/password-reset/confirm', {
        token,
        newPassword: 'yet another passphrase',
      });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('reset_link_used');
    await logIn('judy', NEW_PASSWORD);
  });

  it('finds the account by email address and stores only the token’s hash', async () => {
    const kim = await api.signUpMember(admin, 'kim');
    await kim.expect(200, 'PATCH', '/v1/account', {
      email: 'kim@example.com',
      password: TEST_PASSWORD,
    });
    await requestReset('Kim@Example.com');
    const token = tokenOf(loggedLinks('kim')[0]);
    const stored = await api.db.selectFrom('passwordResets').select('tokenHash').execute();
    expect(stored.map((row) => row.tokenHash)).not.toContain(token);
  });

  it('answers 202 for unknown accounts and logs no link', async () => {
    const before = api.logs.records().length;
    await requestReset('nobody_at_all');
    await requestReset('nobody@example.com');
    const newRecords = api.logs.records().slice(before);
    expect(newRecords.some((record) => 'resetLink' in record)).toBe(false);
  });

  it('answers before looking at the account: a failure after is logged, and half of nothing is kept', async () => {
    await api.signUpMember(admin, 'otto');
    const { id } = await api.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'otto')
      .executeTakeFirstOrThrow();
    const countedLinks = () =>
      api.db
        .selectFrom('rateLimits')
        .select('hits')
        .where('bucket', '=', 'password-reset-account')
        .where('key', '=', `user:${id}`)
        .executeTakeFirst();
    // Every new link fails to be stored from here on.
    await sql`ALTER TABLE password_resets ADD CONSTRAINT test_no_links CHECK (false) NOT VALID`.execute(
      api.db,
    );
    try {
      // The same answer as for an account that does not exist.
      for (const login of ['otto', 'nobody_here']) {
        const answer = await api.client().request('POST', '/v1/auth/password-reset', { login });
        expect(answer.status, login).toBe(202);
        expect(answer.body, login).toBe('');
      }
      await passwordResetsSettled();
    } finally {
      await sql`ALTER TABLE password_resets DROP CONSTRAINT test_no_links`.execute(api.db);
    }
    expect(api.logs.text()).toContain('could not make a password reset link');
    expect(loggedLinks('otto')).toEqual([]);
    // The failed link was not counted against the account's allowance.
    expect(await countedLinks()).toBeUndefined();

    await requestReset('otto');
    expect(loggedLinks('otto')).toHaveLength(1);
    expect(await countedLinks()).toEqual({ hits: 1 });
  });

  it('refuses expired, forged and superseded links with a reason', async () => {
    await api.signUpMember(admin, 'leo');
    await requestReset('leo');
    await requestReset('leo');
    const [first, second] = loggedLinks('leo').map(tokenOf);

    await sql`UPDATE password_resets SET expires_at = now() - interval '1 second'
      WHERE token_hash = encode(sha256(convert_to(${first}, 'UTF8')), 'hex')`.execute(api.db);
    const expired = await api
      .client()
      .request<ErrorResponse>('POST', '/v1/auth/password-reset/confirm', {
        token: first,
        newPassword: NEW_PASSWORD,
      });
    expect(expired.body.error.code).toBe('reset_link_expired');

    const forged = await api
      .client()
      .request<ErrorResponse>('POST', '/v1/auth/password-reset/confirm', {
        token: 'A'.repeat(43),
        newPassword: NEW_PASSWORD,
      });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('reset_link_invalid');

    // A weak password does not spend the link.
    const weak = await api
      .client()
      .request<ErrorResponse>('POST', '/v1/auth/password-reset/confirm', {
        token: second,
        newPassword: 'leo is my name',
      });
    expect(weak.body.error.code).toBe('weak_password');
    await api.client().expect(204, 'POST', '/v1/auth/password-reset/confirm', {
      token: second,
      newPassword: NEW_PASSWORD,
    });
  });

  it('spends a link once even when two requests use it at the same time', async () => {
    await api.signUpMember(admin, 'mia');
    await requestReset('mia');
    const token = tokenOf(loggedLinks('mia')[0]);
    const answers = await Promise.all(
      ['first new passphrase', 'second new passphrase'].map((newPassword) =>
        api.client().request<ErrorResponse>('POST', '/v1/auth/password-reset/confirm', {
          token,
          newPassword,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 400]);
    expect(answers.find((answer) => answer.status === 400)?.body.error.code).toBe(
      'reset_link_used',
    );
  });

  it('sends at most a few links per account an hour, and limits requests per address', async () => {
    await api.signUpMember(admin, 'nia');
    for (let i = 0; i < 5; i++) await requestReset('nia');
    expect(loggedLinks('nia')).toHaveLength(3);
    const client = api.client();
    let status = 0;
    for (let i = 0; i < 6; i++)
      status = (await client.request('POST', '/v1/auth/password-reset', { login: 'x' })).status;
    expect(status).toBe(429);
  });
});
