// A username change reaches the Kith module (spacetime-module/ on the local
// SpacetimeDB host) at once, through rename_user queued with it, while the
// member stays connected; the next ID token carries the new name, which the
// module accepts. A name one member gives up can be taken by another, and of
// two members racing for one name exactly one gets it, on both sides.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContractHost,
  DATABASE,
  KITH_MODULE,
  startContractHost,
} from '../module-client/support/contract-host.js';
import { connectWithToken, type SdkSession } from '../module-client/support/sdk-connect.js';
import { eventually } from '../support/eventually.js';
import { TEST_PASSWORD } from '../support/test-api.js';
import { testDatabaseKinds } from '../support/test-database.js';
import {
  type BearerUser,
  type FullApi,
  reservePublicUrl,
  signUpFirstAdmin,
  signUpMember,
  startFullApi,
} from './support/full-api.js';

describe.each(testDatabaseKinds())('username changes reach the Kith module (%s)', (kind) => {
  let hostDir: string;
  let host: ContractHost;
  let api: FullApi;
  let admin: BearerUser;
  const sessions: SdkSession[] = [];

  beforeAll(async () => {
    const { port, publicUrl } = await reservePublicUrl();
    hostDir = await mkdtemp(path.join(tmpdir(), 'kith-rename-stdb-'));
    host = await startContractHost(hostDir, publicUrl, 0, KITH_MODULE);
    api = await startFullApi({
      kind,
      port,
      env: { SPACETIME_URL: host.url, SPACETIME_DATABASE: DATABASE },
    });
    admin = await signUpFirstAdmin(api);
  });

  afterAll(async () => {
    for (const session of sessions) session.conn.disconnect();
    await api?.close();
    await host?.close();
    await rm(hostDir, { recursive: true, force: true });
  });

  const idToken = async (user: BearerUser) => {
    const response = await fetch(`${api.url}/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: user.authorization },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  /** Connects as the member, which creates their account row in the module. */
  const connect = async (user: BearerUser) => {
    const session = await connectWithToken(host.url, DATABASE, await idToken(user));
    sessions.push(session);
    return session;
  };

  const rename = (user: BearerUser, username: string) =>
    fetch(`${api.url}/v1/account/username`, {
      method: 'POST',
      headers: { authorization: user.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });

  /** The module's account rows (read as the database owner): user id → username. */
  const moduleUsernames = async () =>
    new Map(
      (await host.sql('SELECT * FROM account')).map((row) => [
        String(row.user_id ?? row.userId),
        String(row.username),
      ]),
    );

  const nothingRefused = async () => {
    expect(api.logs.text()).not.toContain('module refused a queued call');
    if (api.database !== undefined) {
      expect(await api.database.db.selectFrom('moduleCallFailures').selectAll().execute()).toEqual(
        [],
      );
    }
  };

  it('renames the connected member in the module, and the next token carries the new name', async () => {
    const ana = await signUpMember(api, admin, 'ana');
    await connect(ana);
    expect((await moduleUsernames()).get(ana.id)).toBe('ana');

    expect((await rename(ana, 'ana_lovelace')).status).toBe(200);
    // No reconnection: rename_user, delivered by the woken drainer, did it.
    await eventually(async () =>
      expect((await moduleUsernames()).get(ana.id)).toBe('ana_lovelace'),
    );

    const token = await idToken(ana);
    expect(decodeJwt(token)).toMatchObject({ sub: ana.id, preferred_username: 'ana_lovelace' });
    const again = await connectWithToken(host.url, DATABASE, token);
    sessions.push(again);
    expect(again.identityHex).toBe(sessions[0]?.identityHex);
    expect((await moduleUsernames()).get(ana.id)).toBe('ana_lovelace');
    await nothingRefused();
  });

  it('gives a name one member let go to another, in that order', async () => {
    const bea = await signUpMember(api, admin, 'bea');
    const cal = await signUpMember(api, admin, 'cal');
    await connect(bea);
    await connect(cal);

    expect((await rename(cal, 'bea')).status).toBe(409);
    expect((await rename(bea, 'bea_was_here')).status).toBe(200);
    expect((await rename(cal, 'bea')).status).toBe(200);
    await eventually(async () => {
      const names = await moduleUsernames();
      expect([names.get(bea.id), names.get(cal.id)]).toEqual(['bea_was_here', 'bea']);
    });
    expect(decodeJwt(await idToken(cal)).preferred_username).toBe('bea');
    await nothingRefused();
  });

  it('gives a name two members race for to exactly one of them, in the module too', async () => {
    const dev = await signUpMember(api, admin, 'dev');
    const eli = await signUpMember(api, admin, 'eli');
    await connect(dev);
    await connect(eli);

    const answers = await Promise.all([rename(dev, 'prize'), rename(eli, 'prize')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const [winner, loser] = answers[0]?.status === 200 ? [dev, eli] : [eli, dev];
    await eventually(async () => expect((await moduleUsernames()).get(winner.id)).toBe('prize'));
    expect((await moduleUsernames()).get(loser.id)).toBe(loser.username);
    await nothingRefused();
  });
});
