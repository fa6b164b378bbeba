// Reports about an account follow the person, not the name: a rename neither
// loses the report nor hands it to whoever takes the name next. Members see
// their reports and mutes without which admin acted; admins can name every
// account they must deal with, even one in a block with them.
import { describe, expect, it } from 'vitest';
import { rows } from './support/cache.js';
import { ADMIN_VIEWS, MEMBER_VIEWS } from './support/kith-client.js';
import { useSharedKith } from './support/shared-kith.js';

const kith = useSharedKith();
const ADMIN = { roles: ['admin'], views: [...MEMBER_VIEWS, ...ADMIN_VIEWS] };

async function rename(userId: string, username: string) {
  const result = await kith.server.call(await kith.server.issuer.serviceToken(), 'rename_user', [
    userId,
    username,
  ]);
  expect(result.ok).toBe(true);
}

describe('a report about an account', () => {
  it('stays with the person through a rename, and a ban of them closes it', async () => {
    const mallory = await kith.member('mallory');
    const carol = await kith.member('carol');
    const boss = await kith.member('boss', ADMIN);
    await carol.conn.reducers.reportContent({
      targetKind: 'account',
      targetId: mallory.username,
      reason: 'harassing me',
    });
    const renamed = `${mallory.username}_r`.slice(0, 20);
    await rename(mallory.user.userId, renamed);
    // Someone else takes the old name.
    const dave = await kith.member('dave');
    await rename(dave.user.userId, mallory.username);
    await boss.settle();
    const [report] = rows(boss, 'adminReport').filter((r) => r.reporterId.isEqual(carol.identity));
    expect(report?.targetId).toBe(mallory.identity.toHexString());
    const named = rows(boss, 'adminAccount').find(
      (a) => a.identity.toHexString() === report?.targetId,
    );
    expect(named?.username).toBe(renamed);

    // Reporting the same person again under the new name is the same report.
    await expect(
      carol.conn.reducers.reportContent({
        targetKind: 'account',
        targetId: renamed,
        reason: 'again',
      }),
    ).rejects.toThrow('You already reported this; an admin will look at it.');

    await boss.conn.reducers.banAccount({ username: renamed, reason: 'harassment' });
    await boss.settle();
    await carol.settle();
    expect(rows(boss, 'adminReport').find((r) => r.id === report?.id)?.status).toBe('actioned');
    expect(rows(carol, 'myReport')[0]).toMatchObject({
      status: 'actioned',
      resolution: 'harassment',
    });
    expect(rows(boss, 'adminBan').map((b) => b.identity.toHexString())).toEqual(
      expect.arrayContaining([mallory.identity.toHexString()]),
    );
    expect(rows(boss, 'adminBan').map((b) => b.identity.toHexString())).not.toContain(
      dave.identity.toHexString(),
    );
  });
});

describe('what members see of moderation', () => {
  it('leaves out which admin resolved a report or muted them', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const boss = await kith.member('boss', ADMIN);
    await bob.conn.reducers.reportContent({
      targetKind: 'account',
      targetId: ana.username,
      reason: 'spam',
    });
    await boss.settle();
    const report = rows(boss, 'adminReport').find((r) => r.reporterId.isEqual(bob.identity));
    await boss.conn.reducers.resolveReport({
      reportId: report!.id,
      outcome: 'dismissed',
      note: 'not spam',
    });
    await boss.conn.reducers.muteAccount({
      username: ana.username,
      minutes: 5,
      reason: 'cool off',
    });
    await bob.settle();
    await ana.settle();
    const mine = rows(bob, 'myReport')[0]!;
    expect(mine).toMatchObject({ status: 'dismissed', resolution: 'not spam' });
    expect(Object.keys(mine)).not.toContain('resolvedBy');
    expect(Object.keys(mine)).not.toContain('reporterId');
    const mute = rows(ana, 'myMute')[0]!;
    expect(mute.reason).toBe('cool off');
    expect(Object.keys(mute)).not.toContain('mutedBy');
  });
});

describe('admin_account', () => {
  it('names a member in a block with the admin, so they can still be banned and unbanned', async () => {
    const troll = await kith.member('troll');
    const boss = await kith.member('boss', ADMIN);
    await troll.conn.reducers.blockAccount({ target: boss.identity });
    await boss.settle();
    const hex = troll.identity.toHexString();
    expect(rows(boss, 'visibleAccount').map((a) => a.identity.toHexString())).not.toContain(hex);
    const named = rows(boss, 'adminAccount').find((a) => a.identity.toHexString() === hex);
    expect(named?.username).toBe(troll.username);
    await boss.conn.reducers.banAccount({ username: troll.username, reason: 'trolling' });
    await boss.conn.reducers.unbanAccount({ username: troll.username, reason: 'appeal' });
  });

  it('is empty for members', async () => {
    const ana = await kith.member('ana', { views: [...MEMBER_VIEWS, 'admin_account'] });
    await kith.member('bob');
    await ana.settle();
    expect(rows(ana, 'adminAccount')).toEqual([]);
  });
});
