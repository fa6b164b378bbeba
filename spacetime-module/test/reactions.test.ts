// Reactions: one per person per post or comment, changeable, with live counts
// and grouped notifications.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import {
  postsBy,
  rows,
  visibleCommentStats,
  visibleComments,
  visiblePostStats,
} from './support/cache.js';
import { useSharedKith } from './support/shared-kith.js';
import type { Member } from './support/use-kith.js';

const kith = useSharedKith();

async function postOf(author: Member) {
  const text = `react to ${author.username}`;
  await author.conn.reducers.createPost({ text, mediaIds: [], visibility: 'public' });
  return postsBy(author, author).find((p) => p.text === text)!;
}

const statsOf = (member: Member, postId: bigint) =>
  visiblePostStats(member).find((s) => s.postId === postId);

describe('react_to_post', () => {
  it('counts one reaction per person, and a change moves the count', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    await bob.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' });
    await bob.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' });
    expect(statsOf(bob, onPost.id)).toMatchObject({ reactions: 1, like: 1, love: 0 });
    await bob.conn.reducers.reactToPost({ postId: onPost.id, kind: 'love' });
    expect(statsOf(bob, onPost.id)).toMatchObject({ reactions: 1, like: 0, love: 1 });
    expect(rows(bob, 'visibleReaction').filter((r) => r.postId === onPost.id)).toHaveLength(1);
    await eventually(() => expect(statsOf(ana, onPost.id)?.love).toBe(1));
  });

  it('groups notifications: “Ana and 3 others reacted”', async () => {
    const ana = await kith.member('ana');
    const onPost = await postOf(ana);
    const reactors: Member[] = [];
    for (const name of ['r1', 'r2', 'r3', 'r4']) {
      const reactor = await kith.member(name);
      await reactor.conn.reducers.reactToPost({ postId: onPost.id, kind: 'haha' });
      reactors.push(reactor);
    }
    await ana.settle();
    const [notice, ...others] = rows(ana, 'myNotification');
    expect(others).toEqual([]);
    expect(notice).toMatchObject({
      kind: 'reaction',
      actorCount: 4,
      postId: onPost.id,
      read: false,
    });
    // The most recent actor first.
    expect(notice?.actorIds[0]?.toHexString()).toBe(reactors[3]?.identity.toHexString());
    // Undoing a reaction takes the actor back out.
    await reactors[3]!.conn.reducers.removePostReaction({ postId: onPost.id });
    await ana.settle();
    expect(rows(ana, 'myNotification')[0]?.actorCount).toBe(3);
  });

  it('does not notify you about your own reaction', async () => {
    const ana = await kith.member('ana');
    const onPost = await postOf(ana);
    await ana.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' });
    expect(rows(ana, 'myNotification')).toEqual([]);
    expect(statsOf(ana, onPost.id)?.like).toBe(1);
  });

  it('is refused for unknown kinds and posts you cannot see', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    await expect(bob.conn.reducers.reactToPost({ postId: onPost.id, kind: 'meh' })).rejects.toThrow(
      'A reaction is one of like, love, haha, wow, sad, angry; got "meh".',
    );
    await ana.conn.reducers.setPostVisibility({ postId: onPost.id, visibility: 'friends' });
    await expect(
      bob.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' }),
    ).rejects.toThrow(`There is no post ${onPost.id} that you can see.`);
  });
});

describe('remove_post_reaction', () => {
  it('takes the reaction and its count away; without one it changes nothing', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    await bob.conn.reducers.reactToPost({ postId: onPost.id, kind: 'sad' });
    await bob.conn.reducers.removePostReaction({ postId: onPost.id });
    expect(statsOf(bob, onPost.id)).toMatchObject({ reactions: 0, sad: 0 });
    await bob.conn.reducers.removePostReaction({ postId: onPost.id });
    expect(statsOf(bob, onPost.id)).toMatchObject({ reactions: 0 });
    await ana.settle();
    expect(rows(ana, 'myNotification')).toEqual([]);
  });
});

describe('reactions on comments', () => {
  it('count on the comment, not the post, and tell the comment’s author', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    await bob.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'nice' });
    const bobs = visibleComments(bob).find((c) => c.postId === onPost.id)!;
    await ana.conn.reducers.reactToComment({ commentId: bobs.id, kind: 'wow' });
    expect(visibleCommentStats(ana).find((s) => s.commentId === bobs.id)).toMatchObject({
      reactions: 1,
      wow: 1,
    });
    expect(statsOf(ana, onPost.id)?.reactions).toBe(0);
    await bob.settle();
    expect(rows(bob, 'myNotification').map((n) => [n.kind, n.commentId])).toEqual([
      ['reaction', bobs.id],
    ]);
    await ana.conn.reducers.removeCommentReaction({ commentId: bobs.id });
    expect(visibleCommentStats(ana).find((s) => s.commentId === bobs.id)?.reactions).toBe(0);
  });

  it('are refused on deleted comments', async () => {
    const ana = await kith.member('ana');
    const onPost = await postOf(ana);
    await ana.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'bye' });
    const mine = visibleComments(ana).find((c) => c.postId === onPost.id)!;
    await ana.conn.reducers.deleteComment({ commentId: mine.id });
    await expect(
      ana.conn.reducers.reactToComment({ commentId: mine.id, kind: 'like' }),
    ).rejects.toThrow(`There is no comment ${mine.id} that you can see.`);
  });
});
