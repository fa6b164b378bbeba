// Who may connect and call: the owner, the configured issuer's members and
// the API's service identity; refusals say why. Exercised over HTTP, where
// every call runs clientConnected as a connection of its own.
import { describe, expect, it } from 'vitest';
import { KithIssuer, testUser } from './support/kith-issuer.js';
import { useKithServers } from './support/use-kith.js';

const kith = useKithServers();

describe('before configure_auth', () => {
  it('lets only the owner connect', async () => {
    const server = await kith({ configure: false });
    const member = await server.issuer.memberToken(testUser('ana'));
    const refused = await server.call(member, 'delete_user', ['x']);
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/not configured yet.*configure_auth/);
    expect(await server.sql(server.ownerToken, 'SELECT * FROM account')).toEqual([]);
  });
});

describe('configure_auth', () => {
  it('is the owner’s alone', async () => {
    const server = await kith();
    const member = await server.issuer.memberToken(testUser('ana'));
    const refused = await server.call(member, 'configure_auth', ['http://evil.example', 'kith']);
    expect(refused.status).toBe(530);
    expect(refused.text).toMatch(/Only the database owner/);
    const [config] = await server.sql(server.ownerToken, 'SELECT * FROM module_config');
    expect(config?.issuer).toBe(server.issuer.url);
  });

  it.each([
    ['not a url', 'kith', /absolute http\(s\) URL/],
    ['http://issuer.example/', 'kith', /must not end with "\/"/],
    ['http://issuer.example', '', /audience must not be empty/],
  ])('refuses issuer %j audience %j', async (issuer, audience, message) => {
    const server = await kith();
    const refused = await server.call(server.ownerToken, 'configure_auth', [issuer, audience]);
    expect(refused.status).toBe(530);
    expect(refused.text).toMatch(message);
  });

  it('is recorded in the audit log', async () => {
    const server = await kith();
    const log = await server.sql(server.ownerToken, 'SELECT * FROM audit_log');
    expect(log.map((row) => row.action)).toEqual(['configure_auth']);
  });
});

describe('clientConnected', () => {
  it('creates a member’s account from the token claims', async () => {
    const server = await kith();
    const ana = testUser('ana', { displayName: 'Ana Lima' });
    await server.call(await server.issuer.memberToken(ana), 'delete_user', ['nobody']);
    const [account] = await server.sql(server.ownerToken, 'SELECT * FROM account');
    expect(account).toMatchObject({
      user_id: ana.userId,
      username: 'ana',
      display_name: 'Ana Lima',
      token_role: 'member',
    });
  });

  it('refreshes the role from later tokens, but not the names', async () => {
    const server = await kith();
    const ana = testUser('ana', { displayName: 'Ana' });
    await server.call(await server.issuer.memberToken(ana), 'delete_user', ['nobody']);
    const later = { ...ana, username: 'ana_l', displayName: 'Changed', roles: ['admin'] };
    await server.call(await server.issuer.memberToken(later), 'delete_user', ['nobody']);
    const [account] = await server.sql(server.ownerToken, 'SELECT * FROM account');
    expect(account).toMatchObject({ username: 'ana', display_name: 'Ana', token_role: 'admin' });
  });

  it('keeps a rename when a token from before it connects (another tab or device)', async () => {
    const server = await kith();
    const ana = testUser('ana');
    const tokenBeforeRename = await server.issuer.memberToken(ana);
    await server.call(tokenBeforeRename, 'delete_user', ['nobody']);
    const renamed = await server.call(await server.issuer.serviceToken(), 'rename_user', [
      ana.userId,
      'ana_l',
    ]);
    expect(renamed.status).toBe(200);
    await server.call(tokenBeforeRename, 'delete_user', ['nobody']);
    const [account] = await server.sql(server.ownerToken, 'SELECT * FROM account');
    expect(account).toMatchObject({ username: 'ana_l' });
  });

  it('refuses tokens of another issuer', async () => {
    const server = await kith();
    const other = new KithIssuer();
    await other.start();
    try {
      const refused = await server.call(await other.memberToken(testUser('ana')), 'delete_user', [
        'x',
      ]);
      expect(refused.status).toBe(403);
      expect(refused.text).toMatch(/are not accepted here/);
    } finally {
      await other.stop();
    }
  });

  it('refuses tokens for another audience', async () => {
    const server = await kith();
    const token = await server.issuer.sign({
      aud: 'other-app',
      sub: 'u1',
      preferred_username: 'ana',
      roles: [],
    });
    const refused = await server.call(token, 'delete_user', ['x']);
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/not meant for Kith/);
  });

  it('refuses host-minted tokens of anonymous connections', async () => {
    const server = await kith();
    const anonymous = await server.realtime.auth.issueNewIdentity();
    const refused = await server.call(anonymous.token, 'delete_user', ['x']);
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/are not accepted here/);
  });

  it.each([
    [{ preferred_username: 'Ana!' }, /preferred_username "Ana!" is not a Kith username/],
    [{ preferred_username: undefined }, /preferred_username "" is not a Kith username/],
  ])('refuses member tokens with %j', async (claims, message) => {
    const server = await kith();
    const token = await server.issuer.sign({ sub: 'u1', roles: [], ...claims });
    const refused = await server.call(token, 'delete_user', ['x']);
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(message);
    expect(await server.sql(server.ownerToken, 'SELECT * FROM account')).toEqual([]);
  });

  it('lets the service in without making it an account', async () => {
    const server = await kith();
    const result = await server.call(await server.issuer.serviceToken(), 'delete_user', ['x']);
    expect(result).toMatchObject({ ok: true });
    expect(await server.sql(server.ownerToken, 'SELECT * FROM account')).toEqual([]);
    const sessions = await server.sql(server.ownerToken, 'SELECT * FROM service_session');
    expect(sessions.map((row) => row.subject)).toEqual(['service:api']);
  });
});
