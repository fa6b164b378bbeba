// A ban set by an admin in the Kith module (spacetime-module/, on the local
// host, trusting this API's tokens) ends what the API gives the person: no
// login, no ID token, no sessions, no invites (the ban sweep ends what they
// held from before the ban). When the module cannot answer, people are let in
// and a warning is logged.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepBannedAccounts } from '../../src/accounts/bans/sweep-banned-accounts.js';
import { hashSecretToken } from '../../src/accounts/secret-tokens.js';
import type { BanList } from '../../src/module-client/ban-check.js';
import { createBanCheck } from '../../src/module-client/create-ban-check.js';
import { DataDirSigningKeys } from '../../src/oidc/data-dir-signing-keys.js';
import { createOidcRoutes } from '../../src/oidc/oidc-routes.js';
import { ID_TOKEN_AUDIENCE, TokenIssuer } from '../../src/oidc/token-issuer.js';
import {
  type ContractHost,
  DATABASE,
  KITH_MODULE,
  startContractHost,
} from '../module-client/support/contract-host.js';
import { TEST_KEY_TIMES } from '../oidc/support/serve-oidc-issuer.js';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface IdToken {
  readonly token: string;
}

describe.each(testDatabaseKinds())('banned accounts (%s)', (kind) => {
  let server: Server;
  let dataDir: string;
  let host: ContractHost;
  let hostStopped = false;
  let api: TestApi;
  let admin: TestClient;
  /** What the ban sweep reads, as start-api gives it. */
  let bans: BanList;

  // The API itself is the issuer the module trusts: it listens on a real port,
  // and the host fetches its discovery document and JWKS from there.
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dataDir = await mkdtemp(path.join(tmpdir(), 'kith-bans-'));
    const keys = await DataDirSigningKeys.open({
      dir: path.join(dataDir, 'api-keys'),
      times: TEST_KEY_TIMES,
    });
    const tokens = new TokenIssuer({
      keys,
      issuer: issuerUrl,
      audience: ID_TOKEN_AUDIENCE,
      lifetimeSeconds: 900,
    });
    host = await startContractHost(path.join(dataDir, 'stdb'), issuerUrl, 0, KITH_MODULE);
    api = await createTestApi(kind, {
      oidc: createOidcRoutes({ tokens, keys }),
      banCheck: (logger) =>
        createBanCheck({
          spacetimeUrl: host.url,
          spacetimeDatabase: DATABASE,
          tokens,
          logger,
        }),
    });
    server.on('request', getRequestListener(api.app.fetch));
    bans = createBanCheck({
      spacetimeUrl: host.url,
      spacetimeDatabase: DATABASE,
      tokens,
      logger: api.logs.logger,
    });
    admin = await api.signUpAdmin('boss');
    await admin.expect(200, 'PATCH', '/v1/admin/settings', { membersCanInvite: true });
  }, 60_000);

  afterAll(async () => {
    if (!hostStopped) await host?.close();
    await api?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  function logIn(client: TestClient, username: string, password = TEST_PASSWORD) {
    return client.request<ErrorResponse>('POST', '/v1/auth/login', {
      username,
      password,
      session: 'cookie',
    });
  }

  const idToken = (client: TestClient) =>
    client.request<IdToken & ErrorResponse>('POST', '/v1/auth/token');

  /** Calls a reducer of the module over HTTP with the client's ID token, as the web app would over its connection. */
  async function callModule(client: TestClient, reducer: string, args: unknown[]) {
    const { token } = await client.expect<IdToken>(200, 'POST', '/v1/auth/token');
    const response = await fetch(`${host.url}/v1/database/${DATABASE}/call/${reducer}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    expect({ reducer, status: response.status, text: await response.text() }).toMatchObject({
      status: 200,
    });
  }

  /** A member with an account in the module (created when they first connect with a token). */
  async function memberInModule(username: string): Promise<TestClient> {
    const client = await api.signUpMember(admin, username);
    await callModule(client, 'set_presence_hidden', [false]);
    return client;
  }

  async function sessionsOf(username: string): Promise<number> {
    const rows = await api.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .where('users.username', '=', username)
      .select('sessions.id')
      .execute();
    return rows.length;
  }

  it('refuses a banned member new ID tokens and logins and ends their sessions; an unban lets them back', async () => {
    const dora = await memberInModule('dora');
    const phone = api.client();
    const bearer = await phone.expect<{ token: string }>(200, 'POST', '/v1/auth/login', {
      username: 'dora',
      password: TEST_PASSWORD,
      session: 'bearer',
    });
    phone.bearer = bearer.token;
    expect(await sessionsOf('dora')).toBe(2);

    await callModule(admin, 'ban_account', ['dora', 'spam links in every comment']);

    const renewal = await idToken(dora);
    expect(renewal.status).toBe(403);
    expect(renewal.body.error.code).toBe('account_banned');
    expect(renewal.body.error.message).toContain('spam links in every comment');
    expect(dora.cookies.size).toBe(0);
    expect(await sessionsOf('dora')).toBe(0);
    expect((await phone.request('GET', '/v1/auth/session')).status).toBe(401);

    const again = api.client();
    const refused = await logIn(again, 'dora');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'account_banned' });
    expect(refused.body.error.message).toMatch(/banned.*spam links in every comment/);
    expect(again.cookies.size).toBe(0);
    expect(await sessionsOf('dora')).toBe(0);
    // A wrong password learns nothing of the ban.
    expect((await logIn(api.client(), 'dora', 'not the password at all')).body.error.code).toBe(
      'invalid_credentials',
    );
    // Nor does anyone else's: others log in and get tokens.
    const other = await memberInModule('eli');
    expect((await idToken(other)).status).toBe(200);

    await callModule(admin, 'unban_account', ['dora', 'appeal upheld']);
    const back = api.client();
    expect((await logIn(back, 'dora')).status).toBe(200);
    expect((await idToken(back)).status).toBe(200);
  });

  const sweep = () => sweepBannedAccounts({ db: api.db, bans, logger: api.logs.logger });

  async function createInvite(client: TestClient): Promise<string> {
    return (await client.expect<{ code: string }>(201, 'POST', '/v1/invites', {})).code;
  }

  function signUpWith(inviteCode: string, username: string) {
    return api.client().request<ErrorResponse>('POST', '/v1/auth/signup', {
      inviteCode,
      username,
      password: TEST_PASSWORD,
    });
  }

  /** The invite as its maker's list shows it. */
  async function inviteListed(maker: TestClient, code: string) {
    const { invites } = await maker.expect<{
      invites: { id: string; usable: boolean; revokedAt: string | null }[];
    }>(200, 'GET', '/v1/invites');
    const row = await api.db
      .selectFrom('invites')
      .select('id')
      .where('codeHash', '=', hashSecretToken(code))
      .executeTakeFirstOrThrow();
    return invites.find((invite) => invite.id === row.id);
  }

  /** What someone signing up with a withdrawn invite is told. */
  async function withdrawnInviteAnswer() {
    const code = await createInvite(admin);
    const [invite] = (await admin.expect<{ invites: { id: string }[] }>(200, 'GET', '/v1/invites'))
      .invites;
    await admin.expect(204, 'DELETE', `/v1/invites/${invite?.id}`);
    const answer = await signUpWith(code, 'never_joins');
    expect(answer.body.error.code).toBe('invite_revoked');
    return { status: answer.status, error: answer.body.error };
  }

  it('sweeps a banned member out: their cookie and bearer sessions end and their invites are withdrawn; others keep theirs', async () => {
    const gus = await memberInModule('gus');
    const phone = api.client();
    phone.bearer = (
      await phone.expect<{ token: string }>(200, 'POST', '/v1/auth/login', {
        username: 'gus',
        password: TEST_PASSWORD,
        session: 'bearer',
      })
    ).token;
    const gusInvite = await createInvite(gus);
    const hana = await memberInModule('hana');
    const hanaInvite = await createInvite(hana);

    await callModule(admin, 'ban_account', ['gus', 'sock puppets']);
    // The gap the sweep closes: sessions from before the ban still work on
    // routes that do not ask the module.
    expect((await gus.request('GET', '/v1/account')).status).toBe(200);
    expect((await phone.request('GET', '/v1/account')).status).toBe(200);

    expect(await sweep()).toEqual({ kind: 'swept', bans: 1, sessionsEnded: 2, invitesRevoked: 1 });

    expect((await gus.request('GET', '/v1/account')).status).toBe(401);
    expect((await phone.request('GET', '/v1/account')).status).toBe(401);
    expect((await gus.request('POST', '/v1/invites', {})).status).toBe(401);
    expect(await sessionsOf('gus')).toBe(0);
    expect(await inviteListed(admin, gusInvite)).toMatchObject({
      usable: false,
      revokedAt: expect.any(String),
    });
    const refused = await signUpWith(gusInvite, 'gus_again');
    const withdrawn = await withdrawnInviteAnswer();
    expect({ status: refused.status, error: refused.body.error }).toEqual(withdrawn);
    const [swept] = api.logs
      .records()
      .filter(
        (record) =>
          record.msg ===
          'ban sweep: ended the sessions and withdrew the invites of a banned account',
      );
    expect(swept).toMatchObject({ level: 'info', sessionsEnded: 2, invitesRevoked: 1 });

    // Everyone else is untouched.
    expect((await hana.request('GET', '/v1/account')).status).toBe(200);
    expect((await admin.request('GET', '/v1/account')).status).toBe(200);
    expect(await inviteListed(hana, hanaInvite)).toMatchObject({ usable: true, revokedAt: null });
    expect((await signUpWith(hanaInvite, 'hanas_friend')).status).toBe(201);

    // A second round finds nothing left to end.
    expect(await sweep()).toEqual({ kind: 'swept', bans: 1, sessionsEnded: 0, invitesRevoked: 0 });
    await callModule(admin, 'unban_account', ['gus', 'appeal upheld']);
  });

  it('refuses an invite whose maker is banned, before any sweep, as if it had been withdrawn', async () => {
    const ivy = await memberInModule('ivy');
    const ivyInvite = await createInvite(ivy);
    const spare = await createInvite(ivy);
    await callModule(admin, 'ban_account', ['ivy', 'ban evasion']);

    const refused = await signUpWith(ivyInvite, 'ivys_alt');
    const withdrawn = await withdrawnInviteAnswer();
    expect({ status: refused.status, error: refused.body.error }).toEqual(withdrawn);
    expect(JSON.stringify(refused.body)).not.toMatch(/ban/i);
    expect(await api.db.selectFrom('users').where('username', '=', 'ivys_alt').execute()).toEqual(
      [],
    );
    // It stays withdrawn; her other invite waits for the sweep (or its own sign-up).
    expect(await inviteListed(admin, ivyInvite)).toMatchObject({ usable: false });
    expect(await inviteListed(admin, spare)).toMatchObject({ usable: true });
    // Invites of members who are not banned still work.
    expect((await signUpWith(await createInvite(admin), 'jon')).status).toBe(201);

    await callModule(admin, 'unban_account', ['ivy', 'appeal upheld']);
    expect((await signUpWith(spare, 'ivys_friend')).status).toBe(201);
  });

  it('describes the ban in the OpenAPI document', async () => {
    const response = await api.client().request<string>('GET', '/openapi.json');
    expect(JSON.stringify(response.body)).toContain('account_banned');
  });

  // Last: it stops the module.
  it('lets people in, with a warning, when the module does not answer', async () => {
    const fay = await memberInModule('fay');
    await callModule(admin, 'ban_account', ['fay', 'abuse']);
    expect((await logIn(api.client(), 'fay')).status).toBe(403);
    await host.close();
    hostStopped = true;

    const client = api.client();
    expect((await logIn(client, 'fay')).status).toBe(200);
    expect((await idToken(client)).status).toBe(200);
    // Her earlier session ended with the refused login, while the module answered.
    expect((await idToken(fay)).status).toBe(401);
    const warnings = api.logs
      .records()
      .filter(
        (record) =>
          record.msg === 'could not ask the module whether the account is banned; letting it in',
      );
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings[0]).toMatchObject({ level: 'warn' });
    expect(api.logs.text()).not.toMatch(/Bearer ey/);
  });

  // After the test above stopped the module.
  it('changes nothing and logs a warning when the module does not answer the sweep', async () => {
    expect(hostStopped).toBe(true);
    // Fay is banned, but got in while the module was down.
    const fay = api.client();
    expect((await logIn(fay, 'fay')).status).toBe(200);
    const fayInvite = await createInvite(fay);
    const sessionsBefore = await sessionsOf('fay');

    expect(await sweep()).toEqual({ kind: 'module_unreachable' });

    const [warning] = api.logs
      .records()
      .filter(
        (record) =>
          record.msg === 'ban sweep: could not ask the module for bans; trying next round',
      );
    expect(warning).toMatchObject({ level: 'warn' });
    expect(await sessionsOf('fay')).toBe(sessionsBefore);
    expect((await fay.request('GET', '/v1/account')).status).toBe(200);
    expect(await inviteListed(fay, fayInvite)).toMatchObject({ usable: true, revokedAt: null });
    expect(api.logs.text()).not.toMatch(/Bearer ey/);
  });
});
