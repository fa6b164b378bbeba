// A deleted post can be restored for POST_RESTORE_DAYS; then the scheduler
// purges it for good, with everything hanging off it. The host runs on a test
// clock, so "30 days later" is a step, not a wait.
import { POST_RESTORE_DAYS } from '@kith/shared/limits';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../spacetime-host/src/testing.js';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import { postsBy, rows, visibleComments } from './support/cache.js';
import type { KithClient } from './support/kith-client.js';
import type { KithServer } from './support/kith-server.js';
import { imageArgs, registerMedia } from './support/media-args.js';
import { befriend, type Member, useKith } from './support/use-kith.js';

const kith = useKith();
const RESTORE_MICROS = BigInt(POST_RESTORE_DAYS) * 24n * 3600n * 1_000_000n;
const SECOND_MICROS = 1_000_000n;

/** Ana, her friend Bob and a stranger Cleo on a host whose time the test moves. */
async function world() {
  const clock = new ManualClock();
  const server = await kith.server({ clock });
  const ana = await kith.member(server, 'ana');
  const bob = await kith.member(server, 'bob');
  const cleo = await kith.member(server, 'cleo');
  await befriend(ana, bob);
  return { clock, server, ana, bob, cleo };
}

/**
 * A public post of Ana's with everything that hangs off a post: an
 * image, an earlier version, comments and a reply (with their counts),
 * reactions, and a mention notifying Bob.
 */
async function busyPost(server: KithServer, ana: Member, bob: Member) {
  const image = await registerMedia(server, imageArgs(ana.user.userId));
  await ana.conn.reducers.createPost({
    text: 'first draft',
    mediaIds: [image],
    visibility: 'public',
  });
  const created = postsBy(ana, ana).find((p) => p.text === 'first draft')!;
  await ana.conn.reducers.editPost({
    postId: created.id,
    text: `hello @${bob.username}`,
    mediaIds: [image],
  });
  await bob.conn.reducers.createComment({ postId: created.id, parentId: 0n, text: 'hi ana' });
  await bob.settle();
  const comment = visibleComments(bob).find((c) => c.postId === created.id)!;
  await ana.conn.reducers.createComment({
    postId: created.id,
    parentId: comment.id,
    text: 'hi bob',
  });
  await bob.conn.reducers.reactToPost({ postId: created.id, kind: 'like' });
  await ana.conn.reducers.reactToComment({ commentId: comment.id, kind: 'love' });
  await ana.settle();
  await bob.settle();
  return { postId: created.id, image };
}

/** Every row in `client`'s cache that belongs to the post `postId`, by view. */
function traces(client: KithClient, postId: bigint): Record<string, number> {
  const found: Record<string, number> = {};
  const db = client.conn.db as unknown as Record<string, { iter?: () => Iterable<unknown> }>;
  for (const [view, handle] of Object.entries(db)) {
    if (typeof handle?.iter !== 'function') continue;
    for (const row of handle.iter() as Iterable<Record<string, unknown>>) {
      const ofPost = /post$/i.test(view) && !/Reported/.test(view) ? row.id === postId : false;
      if (ofPost || row.postId === postId) found[view] = (found[view] ?? 0) + 1;
    }
  }
  return found;
}

/** What the database itself still holds of the post, table by table (the owner reads private tables). */
async function stored(server: KithServer, postId: bigint): Promise<Record<string, number>> {
  const queries: Record<string, string> = {
    post: `SELECT * FROM post WHERE id = ${postId}`,
    post_revision: `SELECT * FROM post_revision WHERE post_id = ${postId}`,
    post_stats: `SELECT * FROM post_stats WHERE post_id = ${postId}`,
    post_media: `SELECT * FROM post_media WHERE post_id = ${postId}`,
    post_purge: `SELECT * FROM post_purge WHERE post_id = ${postId}`,
    comment: `SELECT * FROM comment WHERE post_id = ${postId}`,
    comment_stats: `SELECT * FROM comment_stats WHERE post_id = ${postId}`,
    reaction: `SELECT * FROM reaction WHERE post_id = ${postId}`,
    notification: `SELECT * FROM notification WHERE post_id = ${postId}`,
  };
  const counts: Record<string, number> = {};
  for (const [table, query] of Object.entries(queries)) {
    const found = (await server.sql(server.ownerToken, query)).length;
    if (found > 0) counts[table] = found;
  }
  return counts;
}

const deletedAtOf = (ana: Member, postId: bigint) =>
  postsBy(ana, ana).find((p) => p.id === postId)!.deletedAt!.microsSinceUnixEpoch;

describe('a deleted post', () => {
  it(`can be restored until just before ${POST_RESTORE_DAYS} days have passed`, async () => {
    const { clock, ana, bob } = await world();
    await ana.conn.reducers.createPost({ text: 'oops', mediaIds: [], visibility: 'friends' });
    const postId = postsBy(ana, ana)[0]!.id;
    await ana.conn.reducers.deletePost({ postId });
    const deletedAt = deletedAtOf(ana, postId);
    expect(deletedAt).toBe(clock.now());
    clock.advanceTo(deletedAt + RESTORE_MICROS - SECOND_MICROS);
    await ana.conn.reducers.restorePost({ postId });
    expect(postsBy(ana, ana)[0]).toMatchObject({ id: postId, text: 'oops', deletedAt: undefined });
    await bob.settle();
    expect(postsBy(bob, ana).map((p) => p.text)).toEqual(['oops']);
  });

  it(`is purged for good once ${POST_RESTORE_DAYS} days have passed, from every client and the database`, async () => {
    const { clock, server, ana, bob, cleo } = await world();
    const { postId, image } = await busyPost(server, ana, bob);
    const before = await stored(server, postId);
    // Everything a purge must remove is there to begin with (or the test would prove nothing).
    expect(Object.keys(before).sort()).toEqual([
      'comment',
      'comment_stats',
      'notification',
      'post',
      'post_media',
      'post_revision',
      'post_stats',
      'reaction',
    ]);
    const everything = {
      publicPost: 1,
      publicPostStats: 1,
      publicComment: 2,
      publicCommentStats: 1,
    };
    expect(traces(ana, postId)).toMatchObject({
      ...everything,
      myPostRevision: 1,
      visibleReaction: 2,
    });
    expect(traces(bob, postId)).toMatchObject({ ...everything, myNotification: 3 });
    expect(traces(cleo, postId)).toMatchObject(everything);
    await ana.conn.reducers.deletePost({ postId });
    await cleo.settle();
    // Deleted: the others no longer see it (Bob keeps his notifications about it until the purge).
    expect(traces(cleo, postId)).toEqual({});
    const deletedAt = deletedAtOf(ana, postId);
    expect(traces(ana, postId)).toMatchObject({ myPost: 1, myPostRevision: 1, myComment: 2 });
    expect(await stored(server, postId)).toMatchObject({ post: 1, post_purge: 1 });

    clock.advanceTo(deletedAt + RESTORE_MICROS - 1n);
    await ana.settle();
    expect(traces(ana, postId)).toMatchObject({ myPost: 1 });

    clock.advanceTo(deletedAt + RESTORE_MICROS);
    for (const client of [ana, bob, cleo]) {
      await eventually(() => expect(traces(client, postId)).toEqual({}));
    }
    expect(await stored(server, postId)).toEqual({});
    // The image stays Ana's: only its link to the post went with it.
    expect(rows(ana, 'visibleMedia').map((m) => m.mediaId)).toContain(image);
  });

  it('cannot be restored once the restore period is over', async () => {
    const { clock, ana } = await world();
    await ana.conn.reducers.createPost({ text: 'too late', mediaIds: [], visibility: 'public' });
    const postId = postsBy(ana, ana)[0]!.id;
    await ana.conn.reducers.deletePost({ postId });
    clock.advanceTo(deletedAtOf(ana, postId) + RESTORE_MICROS + SECOND_MICROS);
    await eventually(() => expect(postsBy(ana, ana)).toEqual([]));
    // A stale screen that still offers "restore" gets a refusal that names the post.
    await expect(ana.conn.reducers.restorePost({ postId })).rejects.toThrow(
      `You have no post ${postId}.`,
    );
  });

  it('that was restored is not purged when its old purge time passes', async () => {
    const { clock, server, ana, bob } = await world();
    await ana.conn.reducers.createPost({ text: 'kept', mediaIds: [], visibility: 'friends' });
    const postId = postsBy(ana, ana)[0]!.id;
    await ana.conn.reducers.deletePost({ postId });
    const firstDeletion = deletedAtOf(ana, postId);
    clock.advance(1000);
    await ana.conn.reducers.restorePost({ postId });
    expect(await stored(server, postId)).toEqual({ post: 1 });
    clock.advanceTo(firstDeletion + RESTORE_MICROS + SECOND_MICROS);
    await ana.settle();
    await bob.settle();
    expect(postsBy(ana, ana).map((p) => p.text)).toEqual(['kept']);
    expect(postsBy(bob, ana).map((p) => p.text)).toEqual(['kept']);
    expect(await stored(server, postId)).toEqual({ post: 1 });
  });

  it('deleted again after a restore gets a full period from the second deletion', async () => {
    const { clock, ana } = await world();
    await ana.conn.reducers.createPost({ text: 'twice', mediaIds: [], visibility: 'public' });
    const postId = postsBy(ana, ana)[0]!.id;
    await ana.conn.reducers.deletePost({ postId });
    const firstDeletion = deletedAtOf(ana, postId);
    clock.advance(10 * 24 * 3600 * 1000);
    await ana.conn.reducers.restorePost({ postId });
    await ana.conn.reducers.deletePost({ postId });
    const secondDeletion = deletedAtOf(ana, postId);
    clock.advanceTo(firstDeletion + RESTORE_MICROS + SECOND_MICROS);
    await ana.settle();
    expect(postsBy(ana, ana).map((p) => p.text)).toEqual(['twice']);
    await ana.conn.reducers.restorePost({ postId });
    await ana.conn.reducers.deletePost({ postId });
    const thirdDeletion = deletedAtOf(ana, postId);
    expect(thirdDeletion).toBeGreaterThan(secondDeletion);
    clock.advanceTo(thirdDeletion + RESTORE_MICROS);
    await eventually(() => expect(postsBy(ana, ana)).toEqual([]));
  });
});
