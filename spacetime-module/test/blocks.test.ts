// Blocking: ends friendship and requests both ways, hides each from the
// other, and stops requests, comments and reactions between them.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import {
  postTexts,
  rows,
  visibleComments,
  visiblePostStats,
  visiblePosts,
} from './support/cache.js';
import { useSharedKith } from './support/shared-kith.js';
import { befriend } from './support/use-kith.js';

const kith = useSharedKith();

describe('block_account', () => {
  it('ends the friendship and the pending requests both ways', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    await befriend(ana, bob);
    await cat.conn.reducers.sendFriendRequest({ recipient: ana.identity });
    await ana.conn.reducers.blockAccount({ target: bob.identity });
    await ana.conn.reducers.blockAccount({ target: cat.identity });
    expect(rows(ana, 'myFriendship')).toEqual([]);
    expect(rows(ana, 'myFriendRequest')).toEqual([]);
    expect(rows(ana, 'myNotification').filter((n) => n.kind === 'friend_request')).toEqual([]);
    await bob.settle();
    await cat.settle();
    expect(rows(bob, 'myFriendship')).toEqual([]);
    expect(rows(cat, 'myFriendRequest')).toEqual([]);
    expect(
      rows(ana, 'myBlock')
        .map((b) => b.blockedId.toHexString())
        .sort(),
    ).toEqual([bob.identity.toHexString(), cat.identity.toHexString()].sort());
  });

  it('hides each from the other: accounts, public posts, comments, reactions', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    await ana.conn.reducers.createPost({
      text: `ana says ${ana.username}`,
      mediaIds: [],
      visibility: 'public',
    });
    await bob.conn.reducers.createPost({
      text: `bob says ${bob.username}`,
      mediaIds: [],
      visibility: 'public',
    });
    const anaPost = visiblePosts(ana).find((p) => p.text.startsWith('ana says'))!;
    await bob.conn.reducers.createComment({
      postId: anaPost.id,
      parentId: 0n,
      text: 'bob comments',
    });
    await bob.conn.reducers.reactToPost({ postId: anaPost.id, kind: 'wow' });
    await ana.conn.reducers.blockAccount({ target: bob.identity });
    await bob.settle();
    await cat.settle();
    const names = (m: typeof ana) => rows(m, 'visibleAccount').map((a) => a.username);
    expect(names(ana)).not.toContain(bob.username);
    expect(names(bob)).not.toContain(ana.username);
    expect(postTexts(ana)).not.toContain(`bob says ${bob.username}`);
    expect(postTexts(bob)).not.toContain(`ana says ${ana.username}`);
    expect(visibleComments(ana).map((c) => c.text)).not.toContain('bob comments');
    expect(rows(ana, 'visibleReaction').filter((r) => r.postId === anaPost.id)).toEqual([]);
    // A third member still sees both, and bob's comment and reaction.
    expect(postTexts(cat)).toEqual(
      expect.arrayContaining([`ana says ${ana.username}`, `bob says ${bob.username}`]),
    );
    expect(visibleComments(cat).map((c) => c.text)).toContain('bob comments');
    expect(visiblePostStats(cat).find((s) => s.postId === anaPost.id)?.wow).toBe(1);
    // The counts are the post's, whoever reacted.
    expect(visiblePostStats(ana).find((s) => s.postId === anaPost.id)?.wow).toBe(1);
  });

  it('clears each from the other’s notifications', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await ana.conn.reducers.createPost({ text: 'react here', mediaIds: [], visibility: 'public' });
    const post = visiblePosts(ana).find((p) => p.authorId.isEqual(ana.identity))!;
    await bob.conn.reducers.reactToPost({ postId: post.id, kind: 'like' });
    await eventually(() => expect(rows(ana, 'myNotification')).toHaveLength(1));
    await ana.conn.reducers.blockAccount({ target: bob.identity });
    expect(rows(ana, 'myNotification')).toEqual([]);
  });

  it('stops comments and reactions between them', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await ana.conn.reducers.createPost({ text: 'no bob', mediaIds: [], visibility: 'public' });
    const post = visiblePosts(ana).find((p) => p.authorId.isEqual(ana.identity))!;
    await bob.conn.reducers.createComment({ postId: post.id, parentId: 0n, text: 'early' });
    const comment = visibleComments(bob).find((c) => c.text === 'early')!;
    await bob.conn.reducers.blockAccount({ target: ana.identity });
    await expect(
      ana.conn.reducers.createComment({ postId: post.id, parentId: comment.id, text: 'reply' }),
    ).rejects.toThrow(`There is no comment ${comment.id} that you can see.`);
    await expect(
      ana.conn.reducers.reactToComment({ commentId: comment.id, kind: 'like' }),
    ).rejects.toThrow(`There is no comment ${comment.id} that you can see.`);
    await expect(
      bob.conn.reducers.createComment({ postId: post.id, parentId: 0n, text: 'again' }),
    ).rejects.toThrow(`There is no post ${post.id} that you can see.`);
    await expect(bob.conn.reducers.reactToPost({ postId: post.id, kind: 'like' })).rejects.toThrow(
      `There is no post ${post.id} that you can see.`,
    );
  });

  it('is refused for yourself, twice, or for nobody; unblock only what you blocked', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await expect(ana.conn.reducers.blockAccount({ target: ana.identity })).rejects.toThrow(
      'That is you.',
    );
    await ana.conn.reducers.blockAccount({ target: bob.identity });
    await expect(ana.conn.reducers.blockAccount({ target: bob.identity })).rejects.toThrow(
      /You already blocked bob_/,
    );
    await expect(bob.conn.reducers.unblockAccount({ target: ana.identity })).rejects.toThrow(
      'You have not blocked that member.',
    );
  });
});

describe('unblock_account', () => {
  it('shows each to the other again, without restoring the friendship', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    await bob.conn.reducers.createPost({
      text: `back ${bob.username}`,
      mediaIds: [],
      visibility: 'public',
    });
    await ana.conn.reducers.blockAccount({ target: bob.identity });
    expect(postTexts(ana)).not.toContain(`back ${bob.username}`);
    await ana.conn.reducers.unblockAccount({ target: bob.identity });
    expect(postTexts(ana)).toContain(`back ${bob.username}`);
    expect(rows(ana, 'myFriendship')).toEqual([]);
    await ana.conn.reducers.sendFriendRequest({ recipient: bob.identity });
  });
});
