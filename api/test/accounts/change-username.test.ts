// Changing your username: the rules of sign-up, the password, races for one
// name, the request limit, and the module's rename_user queued with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface UserBody {
  user: { id: string; username: string };
}

describe.each(testDatabaseKinds())('changing the username (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;
  let wakeUps = 0;

  beforeAll(async () => {
    api = await createTestApi(kind, { onModuleCallQueued: () => wakeUps++ });
    admin = await api.signUpAdmin();
  });
  afterAll(() => api?.close());

  const rename = (client: TestClient, username: string, password = TEST_PASSWORD) =>
    client.request<UserBody & ErrorResponse>('POST', '/v1/account/username', {
      username,
      password,
    });

  /** The rename_user calls queued for the module, in queue order. */
  const queuedRenames = async () =>
    (
      await api.db
        .selectFrom('moduleOutbox')
        .select(['reducer', 'args'])
        .where('reducer', '=', 'rename_user')
        .orderBy('id')
        .execute()
    ).map((row) => row.args);

  const idOf = async (client: TestClient) =>
    (await client.expect<UserBody>(200, 'GET', '/v1/account')).user.id;

  const logIn = (username: string) =>
    api.client().request('POST', '/v1/auth/login', { username, password: TEST_PASSWORD });

  it('renames the account, keeps its sessions, queues rename_user and wakes the drainer', async () => {
    const ana = await api.signUpMember(admin, 'ana');
    const anaElsewhere = api.client();
    await anaElsewhere.expect(200, 'POST', '/v1/auth/login', {
      username: 'ana',
      password: TEST_PASSWORD,
    });
    const id = await idOf(ana);
    const before = wakeUps;

    const renamed = await rename(ana, '  Ana_Banana ');
    expect(renamed.status).toBe(200);
    expect(renamed.body.user).toMatchObject({ id, username: 'ana_banana' });
    expect(wakeUps).toBe(before + 1);
    expect(await queuedRenames()).toEqual([[id, 'ana_banana']]);

    // Every session follows the account: the next ID token is built from it.
    const session = await anaElsewhere.expect<UserBody>(200, 'GET', '/v1/auth/session');
    expect(session.user.username).toBe('ana_banana');
    expect((await logIn('ana')).status).toBe(401);
    expect((await logIn('ana_banana')).status).toBe(200);
    expect(api.logs.text()).toContain('username changed');

    // The same name again changes nothing and queues nothing.
    expect((await rename(ana, 'ANA_BANANA')).status).toBe(200);
    expect(wakeUps).toBe(before + 1);
    expect(await queuedRenames()).toEqual([[id, 'ana_banana']]);
  });

  it('frees the old name, and queues its next holder’s rename behind the release', async () => {
    const bob = await api.signUpMember(admin, 'bob');
    const cyd = await api.signUpMember(admin, 'cyd');
    const [bobId, cydId] = [await idOf(bob), await idOf(cyd)];
    expect((await rename(cyd, 'bob')).body.error.code).toBe('username_taken');
    expect((await rename(bob, 'bob_was_here')).status).toBe(200);
    expect((await rename(cyd, 'bob')).status).toBe(200);
    expect((await queuedRenames()).slice(-2)).toEqual([
      [bobId, 'bob_was_here'],
      [cydId, 'bob'],
    ]);
  });

  it('refuses taken, reserved and malformed names, changing nothing', async () => {
    await api.signUpMember(admin, 'dee');
    // One person per kind of refusal: refusals count against the request limit.
    const eve = await api.signUpMember(admin, 'eve');
    const eli = await api.signUpMember(admin, 'eli');
    const ema = await api.signUpMember(admin, 'ema');
    const queued = (await queuedRenames()).length;
    const before = wakeUps;

    for (const taken of ['dee', 'DEE', ' Dee ', 'admin_user']) {
      const answer = await rename(eve, taken);
      expect(answer.status, taken).toBe(409);
      expect(answer.body.error.code, taken).toBe('username_taken');
    }
    for (const reserved of ['admin', 'Root', 'kith', 'service', 'everyone']) {
      const answer = await rename(eli, reserved);
      expect(answer.status, reserved).toBe(400);
      expect(answer.body.error.code, reserved).toBe('username_reserved');
    }
    for (const malformed of ['ab', 'x'.repeat(21), 'eve-2', 'ève', 'eve smith', '']) {
      const answer = await rename(ema, malformed);
      expect(answer.status, malformed).toBe(400);
      expect(answer.body.error.code, malformed).toBe('invalid_request');
      expect(answer.body.error.details).toEqual([
        expect.objectContaining({ path: 'body.username' }),
      ]);
    }
    const noPassword = await ema.request<ErrorResponse>('POST', '/v1/account/username', {
      username: 'ema_two',
    });
    expect(noPassword.body.error.code).toBe('invalid_request');

    for (const [client, name] of [
      [eve, 'eve'],
      [eli, 'eli'],
      [ema, 'ema'],
    ] as const) {
      expect((await client.expect<UserBody>(200, 'GET', '/v1/account')).user.username).toBe(name);
    }
    expect(await queuedRenames()).toHaveLength(queued);
    expect(wakeUps).toBe(before);
  });

  it('needs the right password, counted like a failed login', async () => {
    const fay = await api.signUpMember(admin, 'fay');
    const wrong = await rename(fay, 'fay_two', 'not my password');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    const failures = await api.db
      .selectFrom('loginThrottles')
      .select('failures')
      .where('scope', '=', 'account')
      .where('key', '=', 'fay')
      .executeTakeFirst();
    expect(failures?.failures).toBe(1);
    expect((await fay.expect<UserBody>(200, 'GET', '/v1/account')).user.username).toBe('fay');
    expect((await logIn('fay_two')).status).toBe(401);
  });

  it('refuses a name the password contains, once the password is known to be right', async () => {
    const gus = await api.signUpMember(admin, 'gus');
    // TEST_PASSWORD is "a long enough test password".
    const contained = await rename(gus, 'Enough');
    expect(contained.status).toBe(400);
    expect(contained.body.error.code).toBe('weak_password');
    // With a wrong password the answer must not hint at what the password contains.
    expect((await rename(gus, 'enough', 'not my password')).body.error.code).toBe('wrong_password');
    expect((await gus.expect<UserBody>(200, 'GET', '/v1/account')).user.username).toBe('gus');
  });

  it('lets exactly one of several simultaneous renames take a name', async () => {
    const racers = await Promise.all(
      ['racer_a', 'racer_b', 'racer_c', 'racer_d'].map((name) => api.signUpMember(admin, name)),
    );
    const answers = await Promise.all(racers.map((racer) => rename(racer, 'prize')));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = answers.find((answer) => answer.status === 200)?.body.user.id;
    const holders = await api.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'prize')
      .execute();
    expect(holders).toEqual([{ id: winner }]);
    const renames = (await queuedRenames()).filter((args) => (args as string[])[1] === 'prize');
    expect(renames).toEqual([[winner, 'prize']]);
  });

  it('needs a session and, with a cookie, the CSRF token', async () => {
    const anonymous = await api.client().request<ErrorResponse>('POST', '/v1/account/username', {
      username: 'nobody_here',
      password: TEST_PASSWORD,
    });
    expect(anonymous.status).toBe(401);
    const hal = await api.signUpMember(admin, 'hal');
    const noCsrf = await hal.request<ErrorResponse>(
      'POST',
      '/v1/account/username',
      { username: 'hal_two', password: TEST_PASSWORD },
      { withoutCsrf: true },
    );
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
    expect((await hal.expect<UserBody>(200, 'GET', '/v1/account')).user.username).toBe('hal');
  });

  it('limits renames per person', async () => {
    const ivy = await api.signUpMember(admin, 'ivy');
    for (let n = 1; n <= 10; n++) expect((await rename(ivy, `ivy_${n}`)).status).toBe(200);
    const limited = await rename(ivy, 'ivy_11');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ivy.expect<UserBody>(200, 'GET', '/v1/account')).user.username).toBe('ivy_10');
    // Another person's limit is their own.
    const joe = await api.signUpMember(admin, 'joe');
    expect((await rename(joe, 'joe_two')).status).toBe(200);
  });
});
