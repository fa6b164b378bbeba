// A comment its author deleted can be restored by them, and only them, for
// COMMENT_RESTORE_DAYS; then the scheduler forgets its text. Meanwhile the
// text is in its author's cache alone: everyone else sees what a deletion has
// always left (a textless tombstone while replies hang from it, or nothing).
// The host runs on a test clock, so "30 days later" is a step, not a wait.
import { COMMENT_RESTORE_DAYS } from '@kith/shared/limits';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../spacetime-host/src/testing.js';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import {
  postsBy,
  rows,
  visibleCommentStats,
  visibleComments,
  visiblePostStats,
} from './support/cache.js';
import type { KithClient } from './support/kith-client.js';
import { ADMIN_VIEWS, MEMBER_VIEWS } from './support/kith-client.js';
import type { KithServer } from './support/kith-server.js';
import { befriend, type Member, useKith } from './support/use-kith.js';

const kith = useKith();
const RESTORE_MICROS = BigInt(COMMENT_RESTORE_DAYS) * 24n * 3600n * 1_000_000n;
const SECOND_MICROS = 1_000_000n;
// Everyone subscribes to the deleted-comments view too: a leak would show in their cache.
const VIEWS = [...MEMBER_VIEWS, 'my_deleted_comment'];

/** Ana posts; Bob is her friend and comments; Cleo is a stranger; Boss is an admin. */
async function world() {
  const clock = new ManualClock();
  const server = await kith.server({ clock });
  const ana = await kith.member(server, 'ana', { views: VIEWS });
  const bob = await kith.member(server, 'bob', { views: VIEWS });
  const cleo = await kith.member(server, 'cleo', { views: VIEWS });
  const boss = await kith.member(server, 'boss', {
    roles: ['admin'],
    views: [...VIEWS, ...ADMIN_VIEWS],
  });
  await befriend(ana, bob);
  return { clock, server, ana, bob, cleo, boss };
}

async function postOf(author: Member, visibility = 'public', text = `post of ${author.username}`) {
  await author.conn.reducers.createPost({ text, mediaIds: [], visibility });
  return postsBy(author, author).find((p) => p.text === text)!.id;
}

async function comment(by: Member, postId: bigint, text: string, parentId = 0n) {
  await by.conn.reducers.createComment({ postId, parentId, text });
  return visibleComments(by).find((c) => c.text === text && c.postId === postId)!.id;
}

/** Every view in `client`'s cache that holds `text` anywhere in a row. */
function viewsHolding(client: KithClient, text: string): string[] {
  const db = client.conn.db as unknown as Record<string, { iter?: () => Iterable<unknown> }>;
  const found: string[] = [];
  for (const [view, handle] of Object.entries(db)) {
    if (typeof handle?.iter !== 'function') continue;
    for (const row of handle.iter() as Iterable<Record<string, unknown>>) {
      if (Object.values(row).some((value) => typeof value === 'string' && value.includes(text))) {
        found.push(view);
      }
    }
  }
  return found;
}

const shown = (client: KithClient, id: bigint) => visibleComments(client).find((c) => c.id === id);
const postCount = (client: KithClient, postId: bigint) =>
  visiblePostStats(client).find((s) => s.postId === postId)?.comments ?? 0;
const replyCount = (client: KithClient, id: bigint) =>
  visibleCommentStats(client).find((s) => s.commentId === id)?.replies ?? 0;
const savedIds = (client: KithClient) => rows(client, 'myDeletedComment').map((r) => r.commentId);

async function stored(server: KithServer, table: string): Promise<number> {
  return (await server.sql(server.ownerToken, `SELECT * FROM ${table}`)).length;
}

async function settleAll(...members: Member[]) {
  for (const member of members) await member.settle();
}

describe('restore_comment', () => {
  it(`brings back a comment its author deleted, in place, until just before ${COMMENT_RESTORE_DAYS} days; no one else ever holds the deleted text`, async () => {
    const { clock, ana, bob, cleo, boss } = await world();
    const postId = await postOf(ana);
    const id = await comment(bob, postId, 'words bob regrets');
    await bob.conn.reducers.deleteComment({ commentId: id });
    await settleAll(ana, cleo, boss);
    for (const other of [ana, cleo, boss]) {
      expect(shown(other, id)).toBeUndefined();
      expect(viewsHolding(other, 'words bob regrets')).toEqual([]);
      expect(postCount(other, postId)).toBe(0);
    }
    expect(shown(bob, id)).toBeUndefined();
    // The scan does find the text where it is: in Bob's own view, and only there.
    expect(viewsHolding(bob, 'words bob regrets')).toEqual(['myDeletedComment']);
    const saved = rows(bob, 'myDeletedComment');
    expect(saved).toMatchObject([
      { commentId: id, postId, parentId: 0n, text: 'words bob regrets' },
    ]);
    expect(saved[0]!.deletedAt.microsSinceUnixEpoch).toBe(clock.now());

    clock.advanceTo(saved[0]!.deletedAt.microsSinceUnixEpoch + RESTORE_MICROS - SECOND_MICROS);
    await bob.conn.reducers.restoreComment({ commentId: id });
    expect(savedIds(bob)).toEqual([]);
    for (const member of [ana, bob, cleo]) {
      await eventually(() => expect(shown(member, id)?.text).toBe('words bob regrets'));
      expect(shown(member, id)?.deletedAt).toBeUndefined();
      expect(postCount(member, postId)).toBe(1);
    }
  });

  it('turns a tombstone back into the comment, and the counts come back', async () => {
    const { server, ana, bob, cleo } = await world();
    const postId = await postOf(ana);
    const top = await comment(ana, postId, 'top');
    const mine = await comment(bob, postId, 'bob answers', top);
    const below = await comment(cleo, postId, 'cleo answers bob', mine);
    await settleAll(ana, cleo);
    expect(postCount(cleo, postId)).toBe(3);
    expect(replyCount(cleo, top)).toBe(1);

    await bob.conn.reducers.deleteComment({ commentId: mine });
    await settleAll(ana, cleo);
    for (const other of [ana, cleo]) {
      // The others keep the thread's shape: a tombstone without text, its reply under it.
      expect(shown(other, mine)).toMatchObject({ text: '', parentId: top });
      expect(shown(other, mine)?.deletedAt).toBeDefined();
      expect(shown(other, below)?.parentId).toBe(mine);
      expect(viewsHolding(other, 'bob answers')).toEqual([]);
      expect(postCount(other, postId)).toBe(2);
      expect(replyCount(other, top)).toBe(0);
    }
    expect(shown(bob, mine)?.text).toBe('');
    expect(rows(bob, 'myDeletedComment').map((r) => r.text)).toEqual(['bob answers']);
    expect(await stored(server, 'comment_purge')).toBe(1);

    await bob.conn.reducers.restoreComment({ commentId: mine });
    for (const member of [ana, bob, cleo]) {
      await eventually(() => expect(shown(member, mine)?.text).toBe('bob answers'));
      expect(shown(member, mine)?.deletedAt).toBeUndefined();
      expect(postCount(member, postId)).toBe(3);
      expect(replyCount(member, top)).toBe(1);
      expect(replyCount(member, mine)).toBe(1);
    }
    expect(await stored(server, 'deleted_comment')).toBe(0);
    expect(await stored(server, 'comment_purge')).toBe(0);
  });

  it('brings back, as a tombstone, the deleted parent that went with its last reply', async () => {
    const { ana, bob, cleo } = await world();
    const postId = await postOf(ana);
    const parent = await comment(bob, postId, 'bob starts');
    const reply = await comment(ana, postId, 'ana replies', parent);
    await bob.conn.reducers.deleteComment({ commentId: parent });
    await ana.conn.reducers.deleteComment({ commentId: reply });
    await cleo.settle();
    expect(visibleComments(cleo).filter((c) => c.postId === postId)).toEqual([]);

    await ana.conn.reducers.restoreComment({ commentId: reply });
    await eventually(() => expect(shown(cleo, reply)?.text).toBe('ana replies'));
    expect(shown(cleo, parent)).toMatchObject({ text: '' });
    expect(shown(cleo, parent)?.deletedAt).toBeDefined();
    expect(viewsHolding(cleo, 'bob starts')).toEqual([]);
    expect(postCount(cleo, postId)).toBe(1);
    expect(replyCount(cleo, parent)).toBe(1);

    // Bob can still bring his back.
    await bob.settle();
    expect(savedIds(bob)).toEqual([parent]);
    await bob.conn.reducers.restoreComment({ commentId: parent });
    await eventually(() => expect(shown(cleo, parent)?.text).toBe('bob starts'));
    expect(postCount(cleo, postId)).toBe(2);
  });

  it('is its author’s alone, and not for what the post’s author or an admin removed', async () => {
    const { server, ana, bob, boss } = await world();
    const postId = await postOf(ana);
    const nope = (id: bigint) =>
      `You have no deleted comment ${id} to restore: you can restore a comment you deleted yourself for ${COMMENT_RESTORE_DAYS} days.`;

    const selfDeleted = await comment(bob, postId, 'deleted by bob');
    await bob.conn.reducers.deleteComment({ commentId: selfDeleted });
    await expect(ana.conn.reducers.restoreComment({ commentId: selfDeleted })).rejects.toThrow(
      nope(selfDeleted),
    );

    const byPostAuthor = await comment(bob, postId, 'deleted by ana');
    await ana.conn.reducers.deleteComment({ commentId: byPostAuthor });
    await expect(bob.conn.reducers.restoreComment({ commentId: byPostAuthor })).rejects.toThrow(
      nope(byPostAuthor),
    );
    await expect(ana.conn.reducers.restoreComment({ commentId: byPostAuthor })).rejects.toThrow(
      nope(byPostAuthor),
    );

    const byAdmin = await comment(bob, postId, 'removed by boss');
    await boss.conn.reducers.removeComment({ commentId: byAdmin, reason: 'rude' });
    await expect(bob.conn.reducers.restoreComment({ commentId: byAdmin })).rejects.toThrow(
      nope(byAdmin),
    );

    // Deleting first does not shield a comment from an admin: removing it drops the saved text.
    const dodged = await comment(bob, postId, 'deleted, then removed');
    await bob.conn.reducers.deleteComment({ commentId: dodged });
    await boss.conn.reducers.removeComment({ commentId: dodged, reason: 'rude' });
    await expect(bob.conn.reducers.restoreComment({ commentId: dodged })).rejects.toThrow(
      nope(dodged),
    );
    await boss.settle();
    expect(
      rows(boss, 'adminAuditLog').find((e) => e.targetId === String(dodged))?.detail,
    ).toContain('deleted, then removed');

    await bob.settle();
    expect(savedIds(bob)).toEqual([selfDeleted]);
    expect(await stored(server, 'deleted_comment')).toBe(1);
    // An admin removing the post takes the saved text with it.
    await boss.conn.reducers.removePost({ postId, reason: 'thread gone bad' });
    expect(await stored(server, 'deleted_comment')).toBe(0);
    expect(await stored(server, 'comment_purge')).toBe(0);
    await expect(bob.conn.reducers.restoreComment({ commentId: selfDeleted })).rejects.toThrow(
      nope(selfDeleted),
    );
  });

  it('is refused while the post is deleted or hidden from its author, to a muted member, and too fast', async () => {
    const { server, ana, bob, boss } = await world();
    const postId = await postOf(ana, 'friends');
    const id = await comment(bob, postId, 'between friends');
    await bob.conn.reducers.deleteComment({ commentId: id });
    const gone = `Comment ${id} cannot be restored: its post is gone or no longer visible to you.`;

    await ana.conn.reducers.deletePost({ postId });
    await bob.settle();
    expect(savedIds(bob)).toEqual([]);
    await expect(bob.conn.reducers.restoreComment({ commentId: id })).rejects.toThrow(gone);
    await ana.conn.reducers.restorePost({ postId });
    await bob.settle();
    expect(savedIds(bob)).toEqual([id]);

    await ana.conn.reducers.unfriend({ friend: bob.identity });
    await bob.settle();
    expect(savedIds(bob)).toEqual([]);
    await expect(bob.conn.reducers.restoreComment({ commentId: id })).rejects.toThrow(gone);
    await befriend(ana, bob);

    await boss.conn.reducers.muteAccount({
      username: bob.username,
      minutes: 60,
      reason: 'cool off',
    });
    await expect(bob.conn.reducers.restoreComment({ commentId: id })).rejects.toThrow(
      /You are muted until .*: cool off/,
    );
    await boss.conn.reducers.unmuteAccount({ username: bob.username, reason: 'calmer' });

    const tight = await server.call(server.ownerToken, 'set_rate_limit', ['comment', 1, 3600]);
    expect(tight.ok).toBe(true);
    const other = await comment(bob, postId, 'takes the last token');
    await bob.conn.reducers.deleteComment({ commentId: other });
    await expect(bob.conn.reducers.restoreComment({ commentId: id })).rejects.toThrow(
      /You are commenting too fast/,
    );
    // Each refusal left everything as it was.
    await bob.settle();
    expect(savedIds(bob).sort()).toEqual([id, other].sort());
    expect(shown(ana, id)).toBeUndefined();
  });

  it('is refused for a reply whose parent the post’s author removed for good', async () => {
    const { ana, bob, cleo } = await world();
    const postId = await postOf(ana);
    const parent = await comment(cleo, postId, 'cleo starts');
    const reply = await comment(bob, postId, 'bob replies', parent);
    await ana.conn.reducers.deleteComment({ commentId: parent });
    await bob.conn.reducers.deleteComment({ commentId: reply });
    await expect(bob.conn.reducers.restoreComment({ commentId: reply })).rejects.toThrow(
      `Comment ${reply} cannot be restored: the comment it replied to was removed.`,
    );
  });
});

describe('a deleted comment’s saved text', () => {
  it('goes with its author’s account', async () => {
    const { server, ana, bob } = await world();
    const postId = await postOf(ana);
    const top = await comment(bob, postId, 'bob, soon gone');
    await comment(ana, postId, 'ana stays', top);
    const alone = await comment(bob, postId, 'bob alone');
    await bob.conn.reducers.deleteComment({ commentId: top });
    await bob.conn.reducers.deleteComment({ commentId: alone });
    expect(await stored(server, 'deleted_comment')).toBe(2);
    const service = await server.issuer.serviceToken();
    expect((await server.call(service, 'delete_user', [bob.user.userId])).ok).toBe(true);
    expect(await stored(server, 'deleted_comment')).toBe(0);
    expect(await stored(server, 'comment_purge')).toBe(0);
  });

  it(`is purged once ${COMMENT_RESTORE_DAYS} days have passed, and restore is refused`, async () => {
    const { clock, server, ana, bob } = await world();
    const postId = await postOf(ana);
    const top = await comment(bob, postId, 'kept a month');
    await comment(ana, postId, 'a reply keeps the tombstone', top);
    const alone = await comment(bob, postId, 'alone');
    await bob.conn.reducers.deleteComment({ commentId: top });
    await bob.conn.reducers.deleteComment({ commentId: alone });
    const deletedAt = clock.now();
    expect(await stored(server, 'deleted_comment')).toBe(2);
    expect(await stored(server, 'comment_purge')).toBe(2);

    clock.advanceTo(deletedAt + RESTORE_MICROS - 1n);
    await bob.settle();
    expect(savedIds(bob).sort()).toEqual([top, alone].sort());

    clock.advanceTo(deletedAt + RESTORE_MICROS);
    await eventually(() => expect(savedIds(bob)).toEqual([]));
    expect(await stored(server, 'deleted_comment')).toBe(0);
    expect(await stored(server, 'comment_purge')).toBe(0);
    // The tombstone stays for its reply, textless.
    expect(shown(ana, top)).toMatchObject({ text: '' });
    for (const id of [top, alone]) {
      await expect(bob.conn.reducers.restoreComment({ commentId: id })).rejects.toThrow(
        `you can restore a comment you deleted yourself for ${COMMENT_RESTORE_DAYS} days.`,
      );
    }
  });

  it('that was restored is not purged when its old purge time passes', async () => {
    const { clock, ana, bob } = await world();
    const postId = await postOf(ana);
    const id = await comment(bob, postId, 'back for good');
    await bob.conn.reducers.deleteComment({ commentId: id });
    const firstDeletion = clock.now();
    clock.advance(1000);
    await bob.conn.reducers.restoreComment({ commentId: id });
    clock.advance(10 * 24 * 3600 * 1000);
    await bob.conn.reducers.deleteComment({ commentId: id });
    clock.advanceTo(firstDeletion + RESTORE_MICROS + SECOND_MICROS);
    await bob.settle();
    expect(savedIds(bob)).toEqual([id]);
    await bob.conn.reducers.restoreComment({ commentId: id });
    await eventually(() => expect(shown(ana, id)?.text).toBe('back for good'));
  });
});
