// Posts: create with owned media, edit with history, visibility, delete and
// restore, pin; each refusal says what to change.
import { POST_MEDIA_MAX_COUNT, POST_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import {
  loadableMedia,
  postsBy,
  postTexts,
  rows,
  visibleCommentStats,
  visibleComments,
  visiblePostStats,
} from './support/cache.js';
import { audioArgs, imageArgs, registerMedia } from './support/media-args.js';
import { useSharedKith } from './support/shared-kith.js';
import { befriend, type Member } from './support/use-kith.js';

const kith = useSharedKith();

async function post(author: Member, text: string, visibility = 'public', mediaIds: string[] = []) {
  await author.conn.reducers.createPost({ text, mediaIds, visibility });
  return postsBy(author, author).find((p) => p.text === text)!;
}

describe('create_post', () => {
  it('stores text as written, with the author’s media and no counts until there is activity', async () => {
    const ana = await kith.member('ana');
    const image = await registerMedia(kith.server, imageArgs(ana.user.userId));
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    const text = '<b>hi</b> @nobody #tag &airhorn https://x.example';
    const created = await post(ana, text, 'public', [image, clip]);
    expect(created).toMatchObject({ text, mediaIds: [image, clip], visibility: 'public' });
    expect(created.editedAt).toBeUndefined();
    expect(visiblePostStats(ana).filter((s) => s.postId === created.id)).toEqual([]);
    await ana.conn.reducers.reactToPost({ postId: created.id, kind: 'like' });
    expect(visiblePostStats(ana).find((s) => s.postId === created.id)).toMatchObject({
      comments: 0,
      reactions: 1,
      like: 1,
    });
    expect(loadableMedia(ana).map((m) => m.mediaId)).toEqual(expect.arrayContaining([image, clip]));
  });

  it.each([
    ['empty text and no media', '', [], 'public', 'A post needs text or media.'],
    ['only spaces', '   ', [], 'public', 'A post needs text or media.'],
    [
      'text over the limit',
      'x'.repeat(POST_TEXT_MAX_LENGTH + 1),
      [],
      'public',
      `A post is too long: ${POST_TEXT_MAX_LENGTH + 1} characters, at most ${POST_TEXT_MAX_LENGTH}.`,
    ],
    [
      'an unknown visibility',
      'hi',
      [],
      'secret',
      'Visibility must be one of public, friends; got "secret".',
    ],
    ['unknown media', 'hi', ['nope'], 'public', 'You have no uploaded media nope.'],
  ])('refuses %s', async (_name, text, mediaIds, visibility, message) => {
    const ana = await kith.member('ana');
    await expect(ana.conn.reducers.createPost({ text, mediaIds, visibility })).rejects.toThrow(
      message,
    );
    expect(postsBy(ana, ana)).toEqual([]);
  });

  it('refuses media of someone else, the same media twice, and too many', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const bobs = await registerMedia(kith.server, imageArgs(bob.user.userId));
    await expect(
      ana.conn.reducers.createPost({ text: 'mine?', mediaIds: [bobs], visibility: 'public' }),
    ).rejects.toThrow(`You have no uploaded media ${bobs}.`);
    const mine = await registerMedia(kith.server, imageArgs(ana.user.userId));
    await expect(
      ana.conn.reducers.createPost({ text: 'twice', mediaIds: [mine, mine], visibility: 'public' }),
    ).rejects.toThrow('A post lists each media item once.');
    const many = Array.from({ length: POST_MEDIA_MAX_COUNT + 1 }, (_, i) => `m${i}`);
    await expect(
      ana.conn.reducers.createPost({ text: 'many', mediaIds: many, visibility: 'public' }),
    ).rejects.toThrow(`A post has at most ${POST_MEDIA_MAX_COUNT} media items.`);
  });

  it('is refused to the owner and the service, who have no account', async () => {
    for (const token of [kith.server.ownerToken, await kith.server.issuer.serviceToken()]) {
      const refused = await kith.server.call(token, 'create_post', ['hi', [], 'public']);
      expect(refused.text).toMatch(/Only Kith members can do this/);
    }
  });
});

describe('edit_post', () => {
  it('keeps the earlier version for the author and marks the post edited for readers', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    const created = await post(ana, 'first', 'friends');
    await ana.conn.reducers.editPost({ postId: created.id, text: 'second', mediaIds: [] });
    await ana.conn.reducers.editPost({ postId: created.id, text: 'third', mediaIds: [] });
    const revisions = rows(ana, 'myPostRevision').filter((r) => r.postId === created.id);
    expect(revisions.map((r) => r.text)).toEqual(['first', 'second']);
    await eventually(() => {
      const seen = postsBy(bob, ana)[0]!;
      expect(seen.text).toBe('third');
      expect(seen.editedAt).toBeDefined();
    });
    expect(rows(bob, 'myPostRevision')).toEqual([]);
  });

  it('changes which media readers load when the media change', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const first = await registerMedia(kith.server, imageArgs(ana.user.userId));
    const second = await registerMedia(kith.server, imageArgs(ana.user.userId));
    const created = await post(ana, `media ${ana.username}`, 'public', [first]);
    await ana.conn.reducers.editPost({
      postId: created.id,
      text: created.text,
      mediaIds: [second],
    });
    await bob.settle();
    const loaded = loadableMedia(bob).map((m) => m.mediaId);
    expect(loaded).toContain(second);
    expect(loaded).not.toContain(first);
  });

  it('changes nothing when nothing changed', async () => {
    const ana = await kith.member('ana');
    const created = await post(ana, 'same');
    await ana.conn.reducers.editPost({ postId: created.id, text: 'same', mediaIds: [] });
    expect(rows(ana, 'myPostRevision')).toEqual([]);
    expect(postsBy(ana, ana)[0]?.editedAt).toBeUndefined();
  });

  it('is refused for others’ posts, deleted posts and bad content', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const created = await post(ana, 'ana’s');
    await expect(
      bob.conn.reducers.editPost({ postId: created.id, text: 'mine now', mediaIds: [] }),
    ).rejects.toThrow(`You have no post ${created.id}.`);
    await expect(
      ana.conn.reducers.editPost({ postId: created.id, text: '', mediaIds: [] }),
    ).rejects.toThrow('A post needs text or media.');
    await ana.conn.reducers.deletePost({ postId: created.id });
    await expect(
      ana.conn.reducers.editPost({ postId: created.id, text: 'late', mediaIds: [] }),
    ).rejects.toThrow('Restore the post to edit it.');
  });
});

describe('set_post_visibility', () => {
  it('moves a post in and out of non-friends’ caches', async () => {
    const ana = await kith.member('ana');
    const nina = await kith.member('nina');
    const created = await post(ana, `moving ${ana.username}`, 'friends');
    await nina.settle();
    expect(postTexts(nina)).not.toContain(created.text);
    await ana.conn.reducers.setPostVisibility({ postId: created.id, visibility: 'public' });
    await eventually(() => expect(postTexts(nina)).toContain(created.text));
    await ana.conn.reducers.setPostVisibility({ postId: created.id, visibility: 'friends' });
    await eventually(() => expect(postTexts(nina)).not.toContain(created.text));
  });

  it('takes the post’s comments, reactions, counts and media along', async () => {
    const ana = await kith.member('ana');
    const fred = await kith.member('fred');
    const nina = await kith.member('nina');
    await befriend(ana, fred);
    const image = await registerMedia(kith.server, imageArgs(ana.user.userId));
    const created = await post(ana, `along ${ana.username}`, 'friends', [image]);
    await fred.conn.reducers.createComment({ postId: created.id, parentId: 0n, text: 'along' });
    const along = visibleComments(fred).find((c) => c.postId === created.id)!;
    await ana.conn.reducers.reactToComment({ commentId: along.id, kind: 'love' });
    await fred.conn.reducers.reactToPost({ postId: created.id, kind: 'wow' });
    // Reaction rows reach the reactor and the author of what was reacted to.
    const reactionsOf = (member: Member) =>
      rows(member, 'visibleReaction').filter((r) => r.postId === created.id).length;
    const seenBy = (member: Member) => ({
      comments: visibleComments(member).filter((c) => c.postId === created.id).length,
      commentStats: visibleCommentStats(member).filter((c) => c.postId === created.id).length,
      stats: visiblePostStats(member).filter((s) => s.postId === created.id).length,
      media: loadableMedia(member).filter((m) => m.mediaId === image).length,
    });
    const all = { comments: 1, commentStats: 1, stats: 1, media: 1 };
    const none = { comments: 0, commentStats: 0, stats: 0, media: 0 };
    await nina.settle();
    expect(seenBy(nina)).toEqual(none);
    await ana.conn.reducers.setPostVisibility({ postId: created.id, visibility: 'public' });
    await eventually(() => expect(seenBy(nina)).toEqual(all));
    await ana.conn.reducers.deletePost({ postId: created.id });
    await eventually(() => expect(seenBy(nina)).toEqual(none));
    await fred.settle();
    expect(seenBy(fred)).toEqual(none);
    expect(reactionsOf(fred)).toBe(0);
    expect(seenBy(ana)).toEqual(all);
    expect(reactionsOf(ana)).toBe(2);
    await ana.conn.reducers.restorePost({ postId: created.id });
    await eventually(() => expect(seenBy(fred)).toEqual(all));
    // fred's own reaction on the post, and ana's on fred's comment.
    expect(reactionsOf(fred)).toBe(2);
    await nina.settle();
    expect(reactionsOf(nina)).toBe(0);
    await ana.conn.reducers.setPostVisibility({ postId: created.id, visibility: 'friends' });
    await eventually(() => expect(seenBy(nina)).toEqual(none));
    expect(seenBy(fred)).toEqual(all);
  });

  it('is refused for others’ posts and unknown visibilities', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const created = await post(ana, 'vis');
    await expect(
      bob.conn.reducers.setPostVisibility({ postId: created.id, visibility: 'friends' }),
    ).rejects.toThrow(`You have no post ${created.id}.`);
    await expect(
      ana.conn.reducers.setPostVisibility({ postId: created.id, visibility: 'everyone' }),
    ).rejects.toThrow('Visibility must be one of public, friends; got "everyone".');
  });
});

describe('delete_post and restore_post', () => {
  it('hides a deleted post from everyone but its author, and restores it', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    const created = await post(ana, 'regret');
    await eventually(() => expect(postsBy(bob, ana)).toHaveLength(1));
    await ana.conn.reducers.deletePost({ postId: created.id });
    expect(postsBy(ana, ana)[0]?.deletedAt).toBeDefined();
    await eventually(() => expect(postsBy(bob, ana)).toEqual([]));
    await ana.conn.reducers.restorePost({ postId: created.id });
    expect(postsBy(ana, ana)[0]?.deletedAt).toBeUndefined();
    await eventually(() => expect(postsBy(bob, ana).map((p) => p.text)).toEqual(['regret']));
  });

  it('stops comments and reactions on a deleted post', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const created = await post(ana, 'gone soon');
    await ana.conn.reducers.deletePost({ postId: created.id });
    await expect(
      bob.conn.reducers.createComment({ postId: created.id, parentId: 0n, text: 'hm' }),
    ).rejects.toThrow(`There is no post ${created.id} that you can see.`);
    await expect(
      bob.conn.reducers.reactToPost({ postId: created.id, kind: 'sad' }),
    ).rejects.toThrow(`There is no post ${created.id} that you can see.`);
  });

  it('refuses deleting twice, restoring a live post, and others’ posts', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const created = await post(ana, 'twice');
    await expect(ana.conn.reducers.restorePost({ postId: created.id })).rejects.toThrow(
      'This post is not deleted.',
    );
    await expect(bob.conn.reducers.deletePost({ postId: created.id })).rejects.toThrow(
      `You have no post ${created.id}.`,
    );
    await ana.conn.reducers.deletePost({ postId: created.id });
    await expect(ana.conn.reducers.deletePost({ postId: created.id })).rejects.toThrow(
      'This post is already deleted.',
    );
    await expect(bob.conn.reducers.restorePost({ postId: created.id })).rejects.toThrow(
      `You have no post ${created.id}.`,
    );
  });

  it('leaves purging to the scheduler', async () => {
    const ana = await kith.member('ana');
    const created = await post(ana, 'purge me?');
    await ana.conn.reducers.deletePost({ postId: created.id });
    const purge = [
      {
        scheduled_id: 1,
        scheduled_at: { Time: { __timestamp_micros_since_unix_epoch__: 0 } },
        post_id: Number(created.id),
      },
    ];
    // A scheduled reducer is private: members cannot even find it...
    const hidden = await kith.server.call(ana.token, 'purge_deleted_post', purge);
    expect(hidden.text).toMatch('No such procedure');
    // ...and the owner, who can, is refused by the reducer itself.
    const refused = await kith.server.call(kith.server.ownerToken, 'purge_deleted_post', purge);
    expect(refused.text).toMatch('Only the scheduler purges deleted posts.');
    expect(postsBy(ana, ana)).toHaveLength(1);
  });
});

describe('pin_post', () => {
  it('pins one post to the profile; deleting it unpins', async () => {
    const ana = await kith.member('ana');
    const first = await post(ana, 'pin a');
    const second = await post(ana, 'pin b');
    await ana.conn.reducers.pinPost({ postId: first.id });
    await ana.conn.reducers.pinPost({ postId: second.id });
    expect(rows(ana, 'myAccount')[0]?.pinnedPostId).toBe(second.id);
    await ana.conn.reducers.deletePost({ postId: second.id });
    expect(rows(ana, 'myAccount')[0]?.pinnedPostId).toBeUndefined();
    await ana.conn.reducers.pinPost({ postId: first.id });
    await ana.conn.reducers.unpinPost({});
    expect(rows(ana, 'myAccount')[0]?.pinnedPostId).toBeUndefined();
  });

  it('refuses deleted posts and others’ posts', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const created = await post(ana, 'not yours');
    await expect(bob.conn.reducers.pinPost({ postId: created.id })).rejects.toThrow(
      `You have no post ${created.id}.`,
    );
    await ana.conn.reducers.deletePost({ postId: created.id });
    await expect(ana.conn.reducers.pinPost({ postId: created.id })).rejects.toThrow(
      'A deleted post cannot be pinned.',
    );
  });
});
