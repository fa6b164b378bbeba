// Threaded comments: visible to exactly those who see the post; replies,
// edits, deletes that keep the thread's shape, and live counts.
import { COMMENT_TEXT_MAX_LENGTH } from '@kith/shared/limits';
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
import { befriend, type Member } from './support/use-kith.js';

const kith = useSharedKith();

async function postOf(author: Member, visibility = 'public') {
  const text = `post of ${author.username}`;
  await author.conn.reducers.createPost({ text, mediaIds: [], visibility });
  return postsBy(author, author).find((p) => p.text === text)!;
}

async function comment(by: Member, postId: bigint, text: string, parentId = 0n) {
  await by.conn.reducers.createComment({ postId, parentId, text });
  return visibleComments(by).find((c) => c.text === text && c.postId === postId)!;
}

const commentTexts = (member: Member, postId: bigint) =>
  visibleComments(member)
    .filter((c) => c.postId === postId)
    .map((c) => c.text)
    .sort();

describe('create_comment', () => {
  it('threads replies, counts them, and tells the post’s and the parent’s authors', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    const onPost = await postOf(ana);
    const top = await comment(bob, onPost.id, 'top');
    const reply = await comment(cat, onPost.id, 'reply', top.id);
    expect(reply.parentId).toBe(top.id);
    await ana.settle();
    await bob.settle();
    expect(visiblePostStats(ana).find((s) => s.postId === onPost.id)?.comments).toBe(2);
    expect(visibleCommentStats(ana).find((s) => s.commentId === top.id)?.replies).toBe(1);
    expect(
      rows(ana, 'myNotification').map((n) => ({ kind: n.kind, actors: n.actorIds.length })),
    ).toEqual([{ kind: 'comment', actors: 2 }]);
    expect(rows(bob, 'myNotification').map((n) => n.kind)).toEqual(['reply']);
  });

  it('on a friends-only post reaches the author’s friends only', async () => {
    const ana = await kith.member('ana');
    const fred = await kith.member('fred');
    const fay = await kith.member('fay');
    const nina = await kith.member('nina');
    await befriend(ana, fred);
    await befriend(ana, fay);
    const onPost = await postOf(ana, 'friends');
    await comment(fred, onPost.id, 'friends talk');
    await eventually(() => expect(commentTexts(fay, onPost.id)).toEqual(['friends talk']));
    await nina.settle();
    expect(commentTexts(nina, onPost.id)).toEqual([]);
    await expect(
      nina.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'hi' }),
    ).rejects.toThrow(`There is no post ${onPost.id} that you can see.`);
  });

  it('is refused empty, too long, on a missing parent or a parent on another post', async () => {
    const ana = await kith.member('ana');
    const first = await postOf(ana);
    await ana.conn.reducers.createPost({ text: 'second', mediaIds: [], visibility: 'public' });
    const second = postsBy(ana, ana).find((p) => p.text === 'second')!;
    const onFirst = await comment(ana, first.id, 'on first');
    const { createComment } = ana.conn.reducers;
    await expect(createComment({ postId: first.id, parentId: 0n, text: ' ' })).rejects.toThrow(
      'A comment must not be empty.',
    );
    await expect(
      createComment({
        postId: first.id,
        parentId: 0n,
        text: 'x'.repeat(COMMENT_TEXT_MAX_LENGTH + 1),
      }),
    ).rejects.toThrow(`A comment is too long: ${COMMENT_TEXT_MAX_LENGTH + 1} characters`);
    await expect(
      createComment({ postId: first.id, parentId: 999_999n, text: 'x' }),
    ).rejects.toThrow('There is no comment 999999 that you can see.');
    await expect(
      createComment({ postId: second.id, parentId: onFirst.id, text: 'x' }),
    ).rejects.toThrow(`Comment ${onFirst.id} belongs to another post.`);
    await expect(createComment({ postId: 999_999n, parentId: 0n, text: 'x' })).rejects.toThrow(
      'There is no post 999999 that you can see.',
    );
  });
});

describe('edit_comment', () => {
  it('edits your own comment and marks it edited', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    const mine = await comment(bob, onPost.id, 'typo');
    await bob.conn.reducers.editComment({ commentId: mine.id, text: 'fixed' });
    await eventually(() => {
      const seen = visibleComments(ana).find((c) => c.id === mine.id);
      expect(seen?.text).toBe('fixed');
      expect(seen?.editedAt).toBeDefined();
    });
  });

  it('is refused for others’ comments and empty text', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    const bobs = await comment(bob, onPost.id, 'bob’s');
    await expect(
      ana.conn.reducers.editComment({ commentId: bobs.id, text: 'mine' }),
    ).rejects.toThrow('You can only edit your own comments.');
    await expect(bob.conn.reducers.editComment({ commentId: bobs.id, text: '' })).rejects.toThrow(
      'A comment must not be empty.',
    );
  });
});

describe('delete_comment', () => {
  it('by its author: a comment with replies stays as a tombstone, and goes with its last reply', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    const top = await comment(bob, onPost.id, 'parent');
    const reply = await comment(ana, onPost.id, 'child', top.id);
    await bob.conn.reducers.deleteComment({ commentId: top.id });
    const tombstone = visibleComments(bob).find((c) => c.id === top.id);
    expect(tombstone?.text).toBe('');
    expect(tombstone?.deletedAt).toBeDefined();
    expect(visiblePostStats(bob).find((s) => s.postId === onPost.id)?.comments).toBe(1);
    await ana.conn.reducers.deleteComment({ commentId: reply.id });
    await bob.settle();
    expect(commentTexts(bob, onPost.id)).toEqual([]);
    expect(visiblePostStats(bob).find((s) => s.postId === onPost.id)?.comments).toBe(0);
  });

  it('by the post’s author, on their own post', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const onPost = await postOf(ana);
    const rude = await comment(bob, onPost.id, 'rude');
    await ana.conn.reducers.deleteComment({ commentId: rude.id });
    expect(commentTexts(ana, onPost.id)).toEqual([]);
  });

  it('is refused to anyone else, and twice', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    const onPost = await postOf(ana);
    const bobs = await comment(bob, onPost.id, 'stays');
    await expect(cat.conn.reducers.deleteComment({ commentId: bobs.id })).rejects.toThrow(
      `There is no comment ${bobs.id} that you may delete.`,
    );
    await bob.conn.reducers.deleteComment({ commentId: bobs.id });
    await expect(bob.conn.reducers.deleteComment({ commentId: bobs.id })).rejects.toThrow(
      `There is no comment ${bobs.id} that you may delete.`,
    );
  });
});
