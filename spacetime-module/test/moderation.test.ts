// Moderation: admins granted by the owner, reports and their resolution,
// removal of content, bans and mutes; every admin action in the audit log.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import { postsBy, rows, visibleComments, visiblePosts } from './support/cache.js';
import { ADMIN_VIEWS, connectKith, MEMBER_VIEWS } from './support/kith-client.js';
import { useSharedKith } from './support/shared-kith.js';
import type { Member } from './support/use-kith.js';

const kith = useSharedKith();
const ADMIN = { roles: ['admin'], views: [...MEMBER_VIEWS, ...ADMIN_VIEWS] };

async function postOf(author: Member, text = `post of ${author.username}`) {
  await author.conn.reducers.createPost({ text, mediaIds: [], visibility: 'public' });
  return postsBy(author, author).find((p) => p.text === text)!;
}

const auditActions = (admin: Member) => rows(admin, 'adminAuditLog').map((e) => e.action);

describe('admin grants', () => {
  it('the owner grants and revokes; a granted member can act as admin', async () => {
    const ana = await kith.member('ana', { views: [...MEMBER_VIEWS, ...ADMIN_VIEWS] });
    const owner = kith.server.ownerToken;
    expect(await kith.server.call(owner, 'grant_admin', [ana.username])).toMatchObject({
      ok: true,
    });
    await ana.settle();
    expect(rows(ana, 'adminGrantList').map((g) => g.identity.toHexString())).toEqual([
      ana.identity.toHexString(),
    ]);
    const granted = await kith.server.call(owner, 'grant_admin', [ana.username]);
    expect(granted.text).toMatch(/is already an admin/);
    expect(await kith.server.call(owner, 'revoke_admin', [ana.username])).toMatchObject({
      ok: true,
    });
    await ana.settle();
    expect(rows(ana, 'adminAuditLog')).toEqual([]);
    const again = await kith.server.call(owner, 'revoke_admin', [ana.username]);
    expect(again.text).toMatch(/has no admin grant here/);
  });

  it('is the owner’s alone, even among admins', async () => {
    const boss = await kith.member('boss', ADMIN);
    const bob = await kith.member('bob');
    await expect(boss.conn.reducers.grantAdmin({ username: bob.username })).rejects.toThrow(
      'Only the database owner may do this.',
    );
    await expect(boss.conn.reducers.grantAdmin({ username: 'nobody_at_all' })).rejects.toThrow(
      'Only the database owner may do this.',
    );
    const unknown = await kith.server.call(kith.server.ownerToken, 'grant_admin', [
      'nobody_at_all',
    ]);
    expect(unknown.text).toMatch('There is no member named "nobody_at_all".');
  });
});

describe('reports', () => {
  it('members report what they see; admins see the queue and resolve', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const boss = await kith.member('boss', ADMIN);
    const onPost = await postOf(ana);
    await bob.conn.reducers.reportContent({
      targetKind: 'post',
      targetId: String(onPost.id),
      reason: 'rude',
    });
    await bob.conn.reducers.reportContent({
      targetKind: 'account',
      targetId: ana.username,
      reason: 'spammer',
    });
    expect(rows(bob, 'myReport').map((r) => r.reason)).toEqual(['rude', 'spammer']);
    await boss.settle();
    const queue = rows(boss, 'adminReport').filter((r) => r.reporterId.isEqual(bob.identity));
    expect(queue.map((r) => [r.targetKind, r.status])).toEqual([
      ['post', 'open'],
      ['account', 'open'],
    ]);
    expect(rows(boss, 'adminReportedPost').map((p) => p.id)).toContain(onPost.id);
    await boss.conn.reducers.resolveReport({
      reportId: queue[1]!.id,
      outcome: 'dismissed',
      note: 'not spam',
    });
    await bob.settle();
    expect(rows(bob, 'myReport').find((r) => r.id === queue[1]!.id)?.status).toBe('dismissed');
    expect(auditActions(boss)).toContain('report_dismissed');
    await expect(
      boss.conn.reducers.resolveReport({ reportId: queue[1]!.id, outcome: 'actioned', note: 'x' }),
    ).rejects.toThrow(`Report ${queue[1]!.id} is already resolved.`);
  });

  it.each([
    [
      'an unknown kind',
      'video',
      '1',
      'why',
      'What you report must be one of post, comment, account, sound',
    ],
    [
      'a post id that is not a number',
      'post',
      'abc',
      'why',
      'A post is reported by its numeric id',
    ],
    ['a missing post', 'post', '999999', 'why', 'There is no post 999999 that you can see.'],
    ['a missing member', 'account', 'nobody_x', 'why', 'There is no member named "nobody_x".'],
    ['a missing sound', 'sound', '999999', 'why', 'There is no sound 999999 that you can see.'],
    ['an empty reason', 'account', 'x', ' ', 'The reason must not be empty.'],
  ])('refuses %s', async (_name, targetKind, targetId, reason, message) => {
    const bob = await kith.member('bob');
    await expect(bob.conn.reducers.reportContent({ targetKind, targetId, reason })).rejects.toThrow(
      message,
    );
  });

  it('refuses your own content, what you cannot see, and a second open report', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const mine = await postOf(bob);
    await expect(
      bob.conn.reducers.reportContent({
        targetKind: 'post',
        targetId: String(mine.id),
        reason: 'x',
      }),
    ).rejects.toThrow('You cannot report your own content.');
    await ana.conn.reducers.createPost({ text: 'hidden', mediaIds: [], visibility: 'friends' });
    const hidden = postsBy(ana, ana).find((p) => p.text === 'hidden')!;
    await expect(
      bob.conn.reducers.reportContent({
        targetKind: 'post',
        targetId: String(hidden.id),
        reason: 'x',
      }),
    ).rejects.toThrow(`There is no post ${hidden.id} that you can see.`);
    await bob.conn.reducers.reportContent({
      targetKind: 'account',
      targetId: ana.username,
      reason: 'x',
    });
    await expect(
      bob.conn.reducers.reportContent({
        targetKind: 'account',
        targetId: ana.username,
        reason: 'y',
      }),
    ).rejects.toThrow('You already reported this; an admin will look at it.');
  });

  it('resolving is refused to members, and needs a known outcome and a note', async () => {
    const bob = await kith.member('bob');
    const boss = await kith.member('boss', ADMIN);
    await expect(
      bob.conn.reducers.resolveReport({ reportId: 1n, outcome: 'dismissed', note: 'x' }),
    ).rejects.toThrow('Only admins may do this.');
    await expect(
      boss.conn.reducers.resolveReport({ reportId: 1n, outcome: 'ignored', note: 'x' }),
    ).rejects.toThrow('The outcome must be one of actioned, dismissed; got "ignored".');
    await expect(
      boss.conn.reducers.resolveReport({ reportId: 1n, outcome: 'dismissed', note: '' }),
    ).rejects.toThrow('The reason must not be empty.');
    await expect(
      boss.conn.reducers.resolveReport({ reportId: 999_999n, outcome: 'dismissed', note: 'x' }),
    ).rejects.toThrow('There is no report 999999.');
  });
});

describe('removing content', () => {
  it('remove_post deletes the post everywhere, closes its reports and records what it was', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const boss = await kith.member('boss', ADMIN);
    const onPost = await postOf(ana, 'something awful');
    await bob.conn.reducers.reportContent({
      targetKind: 'post',
      targetId: String(onPost.id),
      reason: 'awful',
    });
    await boss.conn.reducers.removePost({ postId: onPost.id, reason: 'breaks the rules' });
    await ana.settle();
    await bob.settle();
    expect(postsBy(ana, ana)).toEqual([]);
    expect(postsBy(bob, ana)).toEqual([]);
    expect(rows(bob, 'myReport')[0]).toMatchObject({
      status: 'actioned',
      resolution: 'breaks the rules',
    });
    const entry = rows(boss, 'adminAuditLog').find((e) => e.targetId === String(onPost.id));
    expect(entry).toMatchObject({
      action: 'remove_post',
      reason: 'breaks the rules',
      detail: `by @${ana.username}: something awful`,
    });
    expect(entry?.actorId.isEqual(boss.identity)).toBe(true);
  });

  it('remove_comment removes a comment and is refused to members', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const boss = await kith.member('boss', ADMIN);
    const onPost = await postOf(ana);
    await bob.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'mean' });
    const mean = visibleComments(bob).find((c) => c.text === 'mean')!;
    await expect(
      ana.conn.reducers.removeComment({ commentId: mean.id, reason: 'x' }),
    ).rejects.toThrow('Only admins may do this.');
    await expect(
      boss.conn.reducers.removeComment({ commentId: mean.id, reason: '' }),
    ).rejects.toThrow('The reason must not be empty.');
    await boss.conn.reducers.removeComment({ commentId: mean.id, reason: 'mean' });
    await bob.settle();
    expect(visibleComments(bob).filter((c) => c.id === mean.id)).toEqual([]);
    expect(auditActions(boss)).toContain('remove_comment');
  });
});

describe('bans', () => {
  it('empty the banned member’s views at once, refuse their calls and their next connection', async () => {
    const ana = await kith.member('ana');
    const boss = await kith.member('boss', ADMIN);
    await postOf(ana);
    expect(rows(ana, 'myAccount')).toHaveLength(1);
    await boss.conn.reducers.banAccount({ username: ana.username, reason: 'abuse' });
    await eventually(() => {
      expect(rows(ana, 'myAccount')).toEqual([]);
      expect(visiblePosts(ana)).toEqual([]);
      expect(rows(ana, 'visibleAccount')).toEqual([]);
    });
    await expect(
      ana.conn.reducers.createPost({ text: 'still here?', mediaIds: [], visibility: 'public' }),
    ).rejects.toThrow('Your account is banned.');
    await expect(connectKith(kith.server, ana.token)).rejects.toThrow();
    await boss.settle();
    expect(rows(boss, 'adminBan').map((b) => b.reason)).toContain('abuse');
    await boss.conn.reducers.unbanAccount({ username: ana.username, reason: 'appeal' });
    const back = await connectKith(kith.server, ana.token);
    back.conn.disconnect();
    expect(auditActions(boss)).toEqual(expect.arrayContaining(['ban', 'unban']));
  });

  it('is refused to members, for yourself, for admins (but the owner’s), and twice', async () => {
    const ana = await kith.member('ana');
    const boss = await kith.member('boss', ADMIN);
    const other = await kith.member('other', ADMIN);
    await expect(
      ana.conn.reducers.banAccount({ username: boss.username, reason: 'x' }),
    ).rejects.toThrow('Only admins may do this.');
    await expect(
      boss.conn.reducers.banAccount({ username: boss.username, reason: 'x' }),
    ).rejects.toThrow('You cannot ban yourself.');
    await expect(
      boss.conn.reducers.banAccount({ username: other.username, reason: 'x' }),
    ).rejects.toThrow(/is an admin: only the owner can ban an admin/);
    const byOwner = await kith.server.call(kith.server.ownerToken, 'ban_account', [
      other.username,
      'rogue admin',
    ]);
    expect(byOwner.ok).toBe(true);
    const twice = await kith.server.call(kith.server.ownerToken, 'ban_account', [
      other.username,
      'x',
    ]);
    expect(twice.text).toMatch(/is already banned/);
    await expect(
      boss.conn.reducers.unbanAccount({ username: ana.username, reason: 'x' }),
    ).rejects.toThrow(/is not banned/);
  });
});

describe('mutes', () => {
  it('stop a member adding content for a while, but not reading; unmute ends it', async () => {
    const ana = await kith.member('ana');
    const boss = await kith.member('boss', ADMIN);
    const onPost = await postOf(boss);
    await boss.conn.reducers.muteAccount({ username: ana.username, minutes: 60, reason: 'heated' });
    await ana.settle();
    expect(rows(ana, 'myMute')[0]?.reason).toBe('heated');
    const muted = /You are muted until .*: heated/;
    await expect(
      ana.conn.reducers.createPost({ text: 'x', mediaIds: [], visibility: 'public' }),
    ).rejects.toThrow(muted);
    await expect(
      ana.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'x' }),
    ).rejects.toThrow(muted);
    await expect(
      ana.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' }),
    ).rejects.toThrow(muted);
    expect(postsBy(ana, boss)).toHaveLength(1);
    await boss.conn.reducers.unmuteAccount({ username: ana.username, reason: 'calmer' });
    await ana.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' });
    expect(rows(ana, 'myMute')).toEqual([]);
    await boss.settle();
    expect(rows(boss, 'adminAuditLog').find((e) => e.action === 'mute')?.detail).toMatch(/^until /);
  });

  it('refuses bad lengths, members, and muting admins (but the owner’s)', async () => {
    const ana = await kith.member('ana');
    const boss = await kith.member('boss', ADMIN);
    const other = await kith.member('other', ADMIN);
    await expect(
      boss.conn.reducers.muteAccount({ username: ana.username, minutes: 0, reason: 'x' }),
    ).rejects.toThrow(/A mute lasts 1 to 525600 minutes/);
    await expect(
      ana.conn.reducers.muteAccount({ username: boss.username, minutes: 5, reason: 'x' }),
    ).rejects.toThrow('Only admins may do this.');
    await expect(
      boss.conn.reducers.muteAccount({ username: other.username, minutes: 5, reason: 'x' }),
    ).rejects.toThrow(/only the owner can mute an admin/);
    await expect(
      boss.conn.reducers.unmuteAccount({ username: ana.username, reason: 'x' }),
    ).rejects.toThrow(/is not muted/);
  });
});
