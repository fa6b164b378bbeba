// Your own account: profile changes, the data export, and deletion (which
// also queues delete_user for the module).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetsSettled } from '../../src/accounts/passwords/request-password-reset.js';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface UserBody {
  user: { id: string; username: string; displayName: string; email: string | null };
}

describe.each(testDatabaseKinds())('account (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;
  const erased: string[] = [];

  beforeAll(async () => {
    api = await createTestApi(kind, {
      personalDataSources: [
        {
          name: 'extraSection',
          collect: async (_db, userId) => ({ seenUserId: userId }),
          // Sees the account still there, inside the deletion's transaction.
          erase: async (trx, userId) => {
            const row = await trx
              .selectFrom('users')
              .select('username')
              .where('id', '=', userId)
              .executeTakeFirst();
            erased.push(row?.username ?? '(already gone)');
          },
        },
      ],
    });
    admin = await api.signUpAdmin();
  });
  afterAll(() => api?.close());

  it('changes the display name and email address, and refuses a taken address', async () => {
    const pat = await api.signUpMember(admin, 'pat');
    const changed = await pat.expect<UserBody>(200, 'PATCH', '/v1/account', {
      displayName: '  Pat Q. ',
      email: 'Pat@Example.com',
      password: TEST_PASSWORD,
    });
    expect(changed.user).toMatchObject({
      username: 'pat',
      displayName: 'Pat Q.',
      email: 'pat@example.com',
    });
    expect((await pat.expect<UserBody>(200, 'GET', '/v1/account')).user.displayName).toBe('Pat Q.');

    const quinn = await api.signUpMember(admin, 'quinn');
    const taken = await quinn.request<ErrorResponse>('PATCH', '/v1/account', {
      email: 'pat@example.com',
      password: TEST_PASSWORD,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');

    for (const body of [
      { displayName: '' },
      { displayName: 'x'.repeat(51) },
      { displayName: 'a\u0000b' },
      { username: 'renamed' },
    ]) {
      const answer = await quinn.request<ErrorResponse>('PATCH', '/v1/account', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
    }
    const removed = await pat.expect<UserBody>(200, 'PATCH', '/v1/account', {
      email: null,
      password: TEST_PASSWORD,
    });
    expect(removed.user.email).toBeNull();
  });

  it('exports everything it holds about you, without secrets', async () => {
    const rae = await api.signUpMember(admin, 'rae');
    await rae.expect(200, 'PATCH', '/v1/account', {
      email: 'rae@example.com',
      password: TEST_PASSWORD,
    });
    await api
      .client()
      .request('POST', '/v1/auth/login', { username: 'rae', password: 'wrong password!' });
    await api.client().expect(202, 'POST', '/v1/auth/password-reset', { login: 'rae' });
    await passwordResetsSettled();
    const data = await rae.expect<Record<string, unknown>>(200, 'GET', '/v1/account/export');
    expect(data).toMatchObject({
      account: { username: 'rae', email: 'rae@example.com', role: 'member' },
      signedUpWith: { invitedBy: 'admin_user' },
      sessions: [expect.objectContaining({ kind: 'cookie', ip: rae.ip })],
      invitesCreated: [],
      passwordResets: [expect.objectContaining({ usedAt: null })],
      failedLogins: expect.objectContaining({ failures: 1 }),
      extraSection: { seenUserId: (data.account as { id: string }).id },
    });
    const text = JSON.stringify(data);
    const stored = await api.db
      .selectFrom('users')
      .innerJoin('sessions', 'sessions.userId', 'users.id')
      .select(['users.passwordHash', 'sessions.tokenHash', 'sessions.csrfToken'])
      .where('users.username', '=', 'rae')
      .executeTakeFirstOrThrow();
    expect(text).not.toContain(stored.passwordHash);
    expect(text).not.toContain(stored.tokenHash);
    expect(text).not.toContain(stored.csrfToken);
    expect(text).not.toMatch(/argon2/);
  });

  it('deletes the account after the password is confirmed, and queues delete_user for the module', async () => {
    const sam = await api.signUpMember(admin, 'sam');
    const samElsewhere = api.client();
    await samElsewhere.expect(200, 'POST', '/v1/auth/login', {
      username: 'sam',
      password: TEST_PASSWORD,
    });
    const { user } = await sam.expect<UserBody>(200, 'GET', '/v1/account');
    await api.db.updateTable('instanceSettings').set({ membersCanInvite: true }).execute();
    await sam.expect(201, 'POST', '/v1/invites', {});
    await api.db.updateTable('instanceSettings').set({ membersCanInvite: false }).execute();

    const wrong = await sam.request<ErrorResponse>('DELETE', '/v1/account', {
      password: 'not the password',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    const noBody = await sam.request<ErrorResponse>('DELETE', '/v1/account');
    expect(noBody.status).toBe(400);

    await sam.expect(204, 'DELETE', '/v1/account', { password: TEST_PASSWORD });
    expect(sam.cookies.size).toBe(0);
    expect((await samElsewhere.request('GET', '/v1/account')).status).toBe(401);
    expect(
      (
        await api
          .client()
          .request('POST', '/v1/auth/login', { username: 'sam', password: TEST_PASSWORD })
      ).status,
    ).toBe(401);
    for (const table of ['sessions', 'passwordResets'] as const) {
      const rows = await api.db
        .selectFrom(table)
        .select('id')
        .where('userId', '=', user.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
    const invites = await api.db
      .selectFrom('invites')
      .select('id')
      .where('createdBy', '=', user.id)
      .execute();
    expect(invites).toEqual([]);
    const outbox = await api.db
      .selectFrom('moduleOutbox')
      .select(['reducer', 'args', 'attempts'])
      .execute();
    expect(outbox).toEqual([{ reducer: 'delete_user', args: [user.id], attempts: 0 }]);
    expect(erased).toEqual(['sam']);

    // The username is free again.
    await api.signUpMember(admin, 'sam');
  });
});
