// service_ban: the bans in force, by the API's user id, which the API checks
// before a login or an ID token. Only the service identity reads them; a ban
// and an unban reach it live, over a subscription and over SQL.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import { rows } from './support/cache.js';
import { useSharedKith } from './support/shared-kith.js';

const kith = useSharedKith();
const ADMIN = { roles: ['admin'] } as const;
const SERVICE_BAN = ['service_ban'] as const;

/** The SQL the API runs at login and token issuance. */
const banQuery = (userId: string) => `SELECT * FROM service_ban WHERE user_id = '${userId}'`;

describe('service_ban', () => {
  it('shows the service a ban as it happens, with its reason and time, and drops it on unban', async () => {
    const ana = await kith.member('ana');
    const bystander = await kith.member('bystander');
    const boss = await kith.member('boss', ADMIN);
    const serviceToken = await kith.server.issuer.serviceToken();
    const service = await kith.client(serviceToken, SERVICE_BAN);
    const mine = () => rows(service, 'serviceBan').filter((b) => b.userId === ana.user.userId);
    expect(mine()).toEqual([]);

    await boss.conn.reducers.banAccount({ username: ana.username, reason: 'spam links' });
    await eventually(() => expect(mine().map((b) => b.reason)).toEqual(['spam links']));
    expect(mine()[0]!.bannedAt.toDate().getTime()).toBeGreaterThan(0);
    const bySql = await kith.server.sql(serviceToken, banQuery(ana.user.userId));
    expect(bySql).toHaveLength(1);
    expect(bySql[0]).toMatchObject({ user_id: ana.user.userId, reason: 'spam links' });
    expect(await kith.server.sql(serviceToken, banQuery(bystander.user.userId))).toEqual([]);

    await boss.conn.reducers.unbanAccount({ username: ana.username, reason: 'appeal upheld' });
    await eventually(() => expect(mine()).toEqual([]));
    expect(await kith.server.sql(serviceToken, banQuery(ana.user.userId))).toEqual([]);
  });

  it('shows members, admins and the owner nothing, and refuses anonymous SQL', async () => {
    const ana = await kith.member('ana');
    const boss = await kith.member('boss', { ...ADMIN, views: SERVICE_BAN });
    const member = await kith.member('member', { views: SERVICE_BAN });
    const owner = await kith.owner(SERVICE_BAN);
    await boss.conn.reducers.banAccount({ username: ana.username, reason: 'abuse' });
    // The ban is in force and the service sees it, so the others' views had their chance.
    const serviceToken = await kith.server.issuer.serviceToken();
    const service = await kith.client(serviceToken, SERVICE_BAN);
    await eventually(() =>
      expect(rows(service, 'serviceBan').map((b) => b.userId)).toContain(ana.user.userId),
    );
    for (const client of [boss, member, owner]) {
      await client.settle();
      expect(rows(client, 'serviceBan')).toEqual([]);
    }
    for (const token of [boss.token, member.token, kith.server.ownerToken]) {
      expect(await kith.server.sql(token, banQuery(ana.user.userId))).toEqual([]);
    }
    const anonymous = await kith.server.realtime.auth.issueNewIdentity();
    await expect(kith.server.sql(anonymous.token, banQuery(ana.user.userId))).rejects.toThrow(
      /403/,
    );
  });
});
