// Notifications: mentions (only for people who may see the text), read and
// read-all, nothing for your own actions or between blocked people.
import { describe, expect, it } from 'vitest';
import { postsBy, rows, visibleComments } from './support/cache.js';
import { useSharedKith } from './support/shared-kith.js';
import { befriend } from './support/use-kith.js';

const kith = useSharedKith();

describe('mentions', () => {
  it('notify mentioned members who can see the post, once per text', async () => {
    const ana = await kith.member('ana');
    const fred = await kith.member('fred');
    const nina = await kith.member('nina');
    await befriend(ana, fred);
    await fred.conn.reducers.markAllNotificationsRead({});
    const text = `hey @${fred.username} and @${nina.username} and @${ana.username} @nobody_here`;
    await ana.conn.reducers.createPost({ text, mediaIds: [], visibility: 'friends' });
    await fred.settle();
    await nina.settle();
    const unread = rows(fred, 'myNotification').filter((n) => !n.read);
    expect(unread.map((n) => n.kind)).toEqual(['mention']);
    // nina cannot see a friends-only post, so she hears nothing of it.
    expect(rows(nina, 'myNotification')).toEqual([]);
    expect(rows(ana, 'myNotification').filter((n) => n.kind === 'mention')).toEqual([]);
    // An edit tells only people newly mentioned.
    const created = postsBy(ana, ana)[0]!;
    const cat = await kith.member('cat');
    await befriend(ana, cat);
    await ana.conn.reducers.editPost({
      postId: created.id,
      text: `${text} and @${cat.username}`,
      mediaIds: [],
    });
    await fred.settle();
    await cat.settle();
    expect(rows(fred, 'myNotification').filter((n) => !n.read)).toHaveLength(1);
    expect(rows(cat, 'myNotification').map((n) => n.kind)).toContain('mention');
  });

  it('in comments notify with the comment', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await ana.conn.reducers.createPost({ text: 'thread', mediaIds: [], visibility: 'public' });
    const onPost = postsBy(ana, ana)[0]!;
    await ana.conn.reducers.createComment({
      postId: onPost.id,
      parentId: 0n,
      text: `cc @${bob.username}`,
    });
    await bob.settle();
    const [mention] = rows(bob, 'myNotification');
    expect(mention).toMatchObject({ kind: 'mention', postId: onPost.id });
    expect(mention?.commentId).not.toBe(0n);
  });

  it('do not notify people in a block with the author', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await bob.conn.reducers.blockAccount({ target: ana.identity });
    await ana.conn.reducers.createPost({
      text: `hi @${bob.username}`,
      mediaIds: [],
      visibility: 'public',
    });
    await bob.settle();
    expect(rows(bob, 'myNotification')).toEqual([]);
  });
});

describe('reading notifications', () => {
  it('marks one read, then all; a new event after reading starts a new group', async () => {
    const ana = await kith.member('ana');
    await ana.conn.reducers.createPost({
      text: 'likes please',
      mediaIds: [],
      visibility: 'public',
    });
    const onPost = postsBy(ana, ana)[0]!;
    const bob = await kith.member('bob');
    await bob.conn.reducers.sendFriendRequest({ recipient: ana.identity });
    await bob.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' });
    await ana.settle();
    const [first] = rows(ana, 'myNotification');
    await ana.conn.reducers.markNotificationRead({ notificationId: first!.id });
    expect(
      rows(ana, 'myNotification')
        .filter((n) => n.read)
        .map((n) => n.id),
    ).toEqual([first!.id]);
    await ana.conn.reducers.markAllNotificationsRead({});
    expect(rows(ana, 'myNotification').every((n) => n.read)).toBe(true);
    const cat = await kith.member('cat');
    await cat.conn.reducers.reactToPost({ postId: onPost.id, kind: 'love' });
    await ana.settle();
    const unread = rows(ana, 'myNotification').filter((n) => !n.read);
    expect(unread.map((n) => [n.kind, n.actorCount])).toEqual([['reaction', 1]]);
  });

  it('refuses marking someone else’s notification', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await bob.conn.reducers.sendFriendRequest({ recipient: ana.identity });
    await ana.settle();
    const [notice] = rows(ana, 'myNotification');
    await expect(
      bob.conn.reducers.markNotificationRead({ notificationId: notice!.id }),
    ).rejects.toThrow(`You have no notification ${notice!.id}.`);
  });
});

describe('notifications about a post', () => {
  it('leave while the post is deleted or hidden from you, and come back with it', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    await ana.conn.reducers.createPost({
      text: `look @${bob.username}`,
      mediaIds: [],
      visibility: 'friends',
    });
    const post = postsBy(ana, ana)[0]!;
    const cleo = await kith.member('cleo');
    await bob.settle();
    const aboutPost = () => rows(bob, 'myNotification').filter((n) => n.postId === post.id);
    expect(aboutPost().map((n) => n.kind)).toEqual(['mention']);
    // The author's own notifications about the post stay while it is deleted.
    await cleo.conn.reducers.sendFriendRequest({ recipient: ana.identity });
    await bob.conn.reducers.reactToPost({ postId: post.id, kind: 'like' });
    await ana.settle();
    const anaAboutPost = () => rows(ana, 'myNotification').filter((n) => n.postId === post.id);
    expect(anaAboutPost().map((n) => n.kind)).toEqual(['reaction']);

    await ana.conn.reducers.deletePost({ postId: post.id });
    await bob.settle();
    await ana.settle();
    expect(aboutPost()).toEqual([]);
    expect(anaAboutPost().map((n) => n.kind)).toEqual(['reaction']);
    // Notifications about nothing in particular are untouched.
    expect(rows(ana, 'myNotification').map((n) => n.kind)).toContain('friend_request');

    await ana.conn.reducers.restorePost({ postId: post.id });
    await bob.settle();
    expect(aboutPost().map((n) => n.kind)).toEqual(['mention']);

    // A friends-only post leaves with the friendship.
    await bob.conn.reducers.unfriend({ friend: ana.identity });
    await bob.settle();
    expect(aboutPost()).toEqual([]);
  });
});

describe('notifications about a comment', () => {
  it('are taken back when the comment is deleted', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    await ana.conn.reducers.createPost({ text: 'open thread', mediaIds: [], visibility: 'public' });
    const post = postsBy(ana, ana)[0]!;
    await bob.conn.reducers.createComment({
      postId: post.id,
      parentId: 0n,
      text: `look @${cat.username}`,
    });
    await cat.conn.reducers.createComment({ postId: post.id, parentId: 0n, text: 'hello' });
    await ana.settle();
    await cat.settle();
    const bobs = visibleComments(ana).find((c) => c.text.startsWith('look'))!;
    expect(rows(cat, 'myNotification').map((n) => n.kind)).toEqual(['mention']);
    const group = () => rows(ana, 'myNotification').find((n) => n.kind === 'comment');
    expect(group()?.actorCount).toBe(2);

    await bob.conn.reducers.deleteComment({ commentId: bobs.id });
    await ana.settle();
    await cat.settle();
    // The mention in it is gone; the post's author hears only of Cat's comment.
    expect(rows(cat, 'myNotification')).toEqual([]);
    expect(group()?.actorCount).toBe(1);
    expect(group()?.actorIds.map((a) => a.toHexString())).toEqual([cat.identity.toHexString()]);
    expect(group()?.commentId).not.toBe(bobs.id);

    // Cat's comment goes too: nothing is left to tell.
    const cats = visibleComments(ana).find((c) => c.text === 'hello')!;
    await cat.conn.reducers.deleteComment({ commentId: cats.id });
    await ana.settle();
    expect(group()).toBeUndefined();
  });
});

describe('notifications after a block', () => {
  it('keep the others in a group, pointing no more at the blocked person’s comment', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    await ana.conn.reducers.createPost({ text: 'ask me', mediaIds: [], visibility: 'public' });
    const post = postsBy(ana, ana)[0]!;
    await bob.conn.reducers.createComment({ postId: post.id, parentId: 0n, text: 'bob here' });
    await cat.conn.reducers.createComment({ postId: post.id, parentId: 0n, text: 'cat here' });
    await ana.settle();
    const cats = visibleComments(ana).find((c) => c.text === 'cat here')!;
    const group = () => rows(ana, 'myNotification').find((n) => n.kind === 'comment');
    expect(group()?.commentId).toBe(cats.id);

    await ana.conn.reducers.blockAccount({ target: cat.identity });
    await ana.settle();
    expect(group()?.actorIds.map((a) => a.toHexString())).toEqual([bob.identity.toHexString()]);
    expect(group()?.commentId).not.toBe(cats.id);
  });
});
