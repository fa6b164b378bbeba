// Changing the email address, where reset links go: it needs the password,
// under the brute-force limits of logging in, and ends the links sent so far.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetsSettled } from '../../src/accounts/passwords/request-password-reset.js';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface UserBody {
  user: { id: string; username: string; displayName: string; email: string | null };
}

describe.each(testDatabaseKinds())('changing the email address (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;

  beforeAll(async () => {
    api = await createTestApi(kind);
    admin = await api.signUpAdmin();
  });
  afterAll(() => api?.close());

  const changeEmail = (client: TestClient, body: Record<string, unknown>) =>
    client.request<UserBody & ErrorResponse>('PATCH', '/v1/account', body);

  const emailOf = async (client: TestClient) =>
    (await client.expect<UserBody>(200, 'GET', '/v1/account')).user.email;

  /** Asks for a reset link and returns its token (the log mailer writes it to the log). */
  async function resetToken(username: string): Promise<string> {
    await api.client().expect(202, 'POST', '/v1/auth/password-reset', { login: username });
    await passwordResetsSettled();
    const links = api.logs
      .records()
      .filter((record) => record.username === username && typeof record.resetLink === 'string');
    const link = String(links.at(-1)?.resetLink);
    return new URL(link).searchParams.get('token') ?? '';
  }

  const useLink = (token: string) =>
    api.client().request<ErrorResponse>('POST', '/v1/auth/password-reset/confirm', {
      token,
      newPassword: 'a brand new passphrase',
    });

  const accountFailures = async (username: string) =>
    (
      await api.db
        .selectFrom('loginThrottles')
        .select('failures')
        .where('scope', '=', 'account')
        .where('key', '=', username)
        .executeTakeFirst()
    )?.failures ?? 0;

  it('changes the address with the password, and ends the links sent to the old one', async () => {
    const ada = await api.signUpMember(admin, 'ada');
    await ada.expect(200, 'PATCH', '/v1/account', {
      email: 'ada@example.com',
      password: TEST_PASSWORD,
    });
    const sentToOld = await resetToken('ada');

    const changed = await changeEmail(ada, {
      email: ' Ada@Elsewhere.example ',
      password: TEST_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.email).toBe('ada@elsewhere.example');
    expect(api.logs.text()).toContain('email address changed');

    const stale = await useLink(sentToOld);
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('reset_link_used');
    // A link asked for now (so sent to the new address) works.
    expect((await useLink(await resetToken('ada'))).status).toBe(204);
  });

  it('needs the password to remove the address too, and ends the links', async () => {
    const bea = await api.signUpMember(admin, 'bea');
    await bea.expect(200, 'PATCH', '/v1/account', {
      email: 'bea@example.com',
      password: TEST_PASSWORD,
    });
    const token = await resetToken('bea');
    const withoutPassword = await changeEmail(bea, { email: null });
    expect(withoutPassword.status).toBe(400);
    expect(await emailOf(bea)).toBe('bea@example.com');

    await bea.expect(200, 'PATCH', '/v1/account', { email: null, password: TEST_PASSWORD });
    expect(await emailOf(bea)).toBeNull();
    expect((await useLink(token)).body.error.code).toBe('reset_link_used');
  });

  it('refuses a wrong password like a failed login, and changes nothing', async () => {
    const cyd = await api.signUpMember(admin, 'cyd');
    await cyd.expect(200, 'PATCH', '/v1/account', {
      email: 'cyd@example.com',
      password: TEST_PASSWORD,
    });
    const token = await resetToken('cyd');

    const wrong = await changeEmail(cyd, {
      email: 'thief@example.com',
      password: 'not my password',
    });
    expect(wrong.status).toBe(403);
    // The words of every password-confirmed change.
    expect(wrong.body.error).toEqual({
      code: 'wrong_password',
      message: 'Your current password is not right.',
    });
    expect(await accountFailures('cyd')).toBe(1);
    expect(await emailOf(cyd)).toBe('cyd@example.com');
    // The link the owner asked for still works.
    expect((await useLink(token)).status).toBe(204);
  });

  it('locks the account after as many wrong passwords as logging in does', async () => {
    const dot = await api.signUpMember(admin, 'dot');
    for (let i = 0; i < 5; i++) {
      const wrong = await changeEmail(dot, { email: 'thief@example.com', password: `guess ${i}` });
      expect(wrong.body.error.code).toBe('wrong_password');
    }
    const locked = await changeEmail(dot, { email: 'thief@example.com', password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(await emailOf(dot)).toBeNull();
    // Logging in is locked the same way: one counter.
    const logIn = await api.client().request<ErrorResponse>('POST', '/v1/auth/login', {
      username: 'dot',
      password: TEST_PASSWORD,
    });
    expect(logIn.body.error.code).toBe('too_many_attempts');
  });

  it('names the missing password and the malformed address, before counting any attempt', async () => {
    const eda = await api.signUpMember(admin, 'eda');
    const missing = await changeEmail(eda, { email: 'eda@example.com' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_request');
    expect(missing.body.error.details).toEqual([{ path: 'body.password', message: 'is required' }]);
    const empty = await changeEmail(eda, { email: 'eda@example.com', password: '' });
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'body.password' })]);

    for (const malformed of ['not an address', 'eda@', '', `${'a'.repeat(250)}@example.com`, 12]) {
      const answer = await changeEmail(eda, { email: malformed, password: 'not my password' });
      expect(answer.status, String(malformed)).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
      expect(answer.body.error.details).toEqual([expect.objectContaining({ path: 'body.email' })]);
    }
    expect(await accountFailures('eda')).toBe(0);
    expect(await emailOf(eda)).toBeNull();
  });

  it('says the address is taken only once the password is right', async () => {
    const fox = await api.signUpMember(admin, 'fox');
    await fox.expect(200, 'PATCH', '/v1/account', {
      email: 'fox@example.com',
      password: TEST_PASSWORD,
    });
    const gil = await api.signUpMember(admin, 'gil');
    await gil.expect(200, 'PATCH', '/v1/account', {
      email: 'gil@example.com',
      password: TEST_PASSWORD,
    });
    const token = await resetToken('gil');

    const guessing = await changeEmail(gil, {
      email: 'FOX@example.com',
      password: 'not my password',
    });
    expect(guessing.body.error.code).toBe('wrong_password');
    const taken = await changeEmail(gil, { email: 'FOX@example.com', password: TEST_PASSWORD });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    expect(await emailOf(gil)).toBe('gil@example.com');
    expect((await useLink(token)).status).toBe(204);
  });

  it('changes the display name without the password, and keeps the links', async () => {
    const hal = await api.signUpMember(admin, 'hal');
    await hal.expect(200, 'PATCH', '/v1/account', {
      email: 'hal@example.com',
      password: TEST_PASSWORD,
    });
    const token = await resetToken('hal');
    const renamed = await hal.expect<UserBody>(200, 'PATCH', '/v1/account', { displayName: 'Hal' });
    expect(renamed.user).toMatchObject({ displayName: 'Hal', email: 'hal@example.com' });
    // The same address again is confirmed but is no change: the link stays.
    await hal.expect(200, 'PATCH', '/v1/account', {
      email: 'HAL@example.com',
      password: TEST_PASSWORD,
    });
    expect((await useLink(token)).status).toBe(204);
  });
});
