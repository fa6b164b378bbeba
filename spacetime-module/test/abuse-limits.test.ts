// Limits on cheap writes that reach other people: editing a comment costs a
// comment token; a muted member may take content down but not put it up or
// widen it; profile changes and pins share a 'profile' bucket; typing keeps
// one scheduled expiry per member however often the client refreshes it.
import { Timestamp } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../spacetime-host/src/testing.js';
import { postsBy, rows } from './support/cache.js';
import { ADMIN_VIEWS, MEMBER_VIEWS } from './support/kith-client.js';
import type { KithServer } from './support/kith-server.js';
import { imageArgs, registerMedia } from './support/media-args.js';
import { befriend, type Member, useKith } from './support/use-kith.js';

const kith = useKith();
const SECOND_MS = 1000;
const SECOND_MICROS = 1_000_000n;

async function onClock() {
  const clock = new ManualClock();
  const server = await kith.server({ clock });
  return { clock, server };
}

async function setRateLimit(
  server: KithServer,
  action: string,
  capacity: number,
  refillSeconds: number,
) {
  const set = await server.call(server.ownerToken, 'set_rate_limit', [
    action,
    capacity,
    refillSeconds,
  ]);
  if (!set.ok) throw new Error(set.text);
}

async function post(member: Member, text: string, visibility = 'public') {
  await member.conn.reducers.createPost({ text, mediaIds: [], visibility });
  return postsBy(member, member).find((p) => p.text === text)!;
}

const profile = (bio: string, links: string[] = []) => ({
  displayName: 'Ana',
  bio,
  pronouns: '',
  links,
});

describe('edit_comment', () => {
  it('takes a comment token when the text changes, and none when it does not', async () => {
    const { server } = await onClock();
    await setRateLimit(server, 'comment', 2, 3600);
    const ana = await kith.member(server, 'ana');
    const bob = await kith.member(server, 'bob');
    const onPost = await post(bob, 'a post');
    await ana.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'hi @bob' });
    await ana.settle();
    const mine = rows(ana, 'publicComment').find((c) => c.text === 'hi @bob')!;
    await ana.conn.reducers.editComment({ commentId: mine.id, text: 'hi' });
    // Unchanged text writes nothing and costs nothing.
    await ana.conn.reducers.editComment({ commentId: mine.id, text: 'hi' });
    await expect(
      ana.conn.reducers.editComment({ commentId: mine.id, text: 'hi @bob' }),
    ).rejects.toThrow('You are commenting too fast: try again in 3600 seconds.');
    await ana.settle();
    expect(rows(ana, 'publicComment').find((c) => c.id === mine.id)?.text).toBe('hi');
  });
});

describe('a muted member', () => {
  it('cannot put content up or widen it, and can still take it down', async () => {
    const { clock, server } = await onClock();
    const ana = await kith.member(server, 'ana', { displayName: 'Ana' });
    const fred = await kith.member(server, 'fred');
    const boss = await kith.member(server, 'boss', {
      roles: ['admin'],
      views: [...MEMBER_VIEWS, ...ADMIN_VIEWS],
    });
    await befriend(ana, fred);
    const avatar = await registerMedia(server, imageArgs(ana.user.userId));
    const banner = await registerMedia(server, imageArgs(ana.user.userId));
    await ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: avatar });
    await ana.conn.reducers.updateProfile(profile('old bio', ['https://ana.example']));
    const pinned = await post(ana, 'pinned', 'public');
    const narrow = await post(ana, 'for friends', 'friends');
    const wide = await post(ana, 'for everyone', 'public');
    const gone = await post(ana, 'deleted', 'public');
    await ana.conn.reducers.pinPost({ postId: pinned.id });
    await ana.conn.reducers.deletePost({ postId: gone.id });

    await boss.conn.reducers.muteAccount({ username: ana.username, minutes: 60, reason: 'heated' });
    const until = clock.now() + 3600n * SECOND_MICROS;
    const refusal = `You are muted until ${new Timestamp(until).toISOString()}: heated`;

    for (const refused of [
      () => ana.conn.reducers.updateProfile(profile('new bio', ['https://ana.example'])),
      () => ana.conn.reducers.updateProfile(profile('old bio', ['https://new.example'])),
      () => ana.conn.reducers.updateProfile({ ...profile('old bio'), displayName: 'Ana!' }),
      () => ana.conn.reducers.setProfileMedia({ slot: 'banner', mediaId: banner }),
      () => ana.conn.reducers.restorePost({ postId: gone.id }),
      () => ana.conn.reducers.setPostVisibility({ postId: narrow.id, visibility: 'public' }),
      () => ana.conn.reducers.startTyping({ postId: wide.id }),
      () => ana.conn.reducers.pinPost({ postId: wide.id }),
    ]) {
      await expect(refused()).rejects.toThrow(refusal);
    }
    await ana.settle();
    expect(rows(ana, 'myAccount')[0]).toMatchObject({
      displayName: 'Ana',
      bio: 'old bio',
      links: ['https://ana.example'],
      avatarMediaId: avatar,
      bannerMediaId: undefined,
      pinnedPostId: pinned.id,
    });
    expect(postsBy(ana, ana).find((p) => p.id === narrow.id)?.visibility).toBe('friends');
    expect(postsBy(ana, ana).find((p) => p.id === gone.id)?.deletedAt).toBeDefined();
    await fred.settle();
    expect(rows(fred, 'visibleTyping')).toEqual([]);

    // Taking down: clearing the bio, dropping a link, the avatar, the pin,
    // narrowing a post to friends.
    await ana.conn.reducers.updateProfile(profile('', []));
    await ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: '' });
    await ana.conn.reducers.unpinPost({});
    await ana.conn.reducers.setPostVisibility({ postId: wide.id, visibility: 'friends' });
    await ana.settle();
    expect(rows(ana, 'myAccount')[0]).toMatchObject({
      bio: '',
      links: [],
      avatarMediaId: undefined,
      pinnedPostId: undefined,
    });
    expect(postsBy(ana, ana).find((p) => p.id === wide.id)?.visibility).toBe('friends');

    clock.advanceTo(until);
    await ana.conn.reducers.updateProfile(profile('new bio'));
    await ana.conn.reducers.restorePost({ postId: gone.id });
    await ana.conn.reducers.pinPost({ postId: gone.id });
    await ana.conn.reducers.startTyping({ postId: wide.id });
    await ana.settle();
    expect(rows(ana, 'myAccount')[0]).toMatchObject({ bio: 'new bio', pinnedPostId: gone.id });
  });
});

describe('the profile rate limit', () => {
  it('by default allows 20 profile changes and pins at once, then one every 10 seconds', async () => {
    const { clock, server } = await onClock();
    const ana = await kith.member(server, 'ana', { displayName: 'Ana' });
    const bob = await kith.member(server, 'bob');
    expect(rows(ana, 'rateLimit').find((r) => r.action === 'profile')).toMatchObject({
      capacity: 20,
      refillSeconds: 10,
    });
    const first = await post(ana, 'one');
    const second = await post(ana, 'two');
    const image = await registerMedia(server, imageArgs(ana.user.userId));
    // Pins, the avatar and the profile text share one bucket of 20.
    await ana.conn.reducers.pinPost({ postId: first.id });
    await ana.conn.reducers.pinPost({ postId: first.id }); // already pinned: free
    await ana.conn.reducers.unpinPost({});
    await ana.conn.reducers.unpinPost({}); // nothing pinned: free
    await ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: image });
    await ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: image }); // same: free
    for (let i = 0; i < 17; i++) await ana.conn.reducers.updateProfile(profile(`bio ${i}`));
    await ana.conn.reducers.updateProfile(profile('bio 16')); // unchanged: free
    const tooFast = 'You are changing your profile too fast: try again in 10 seconds.';
    await expect(ana.conn.reducers.updateProfile(profile('bio 17'))).rejects.toThrow(tooFast);
    await expect(ana.conn.reducers.pinPost({ postId: second.id })).rejects.toThrow(tooFast);
    await expect(
      ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: '' }),
    ).rejects.toThrow(tooFast);
    // Others are not limited by Ana's bucket.
    await bob.conn.reducers.updateProfile({ ...profile('bob'), displayName: 'Bob' });

    clock.advance(9 * SECOND_MS);
    await expect(ana.conn.reducers.updateProfile(profile('bio 17'))).rejects.toThrow(
      'You are changing your profile too fast: try again in 1 second.',
    );
    clock.advance(SECOND_MS);
    await ana.conn.reducers.updateProfile(profile('bio 17'));
    await ana.settle();
    expect(rows(ana, 'myAccount')[0]?.bio).toBe('bio 17');
  });

  it('is one the owner can set', async () => {
    const { server } = await onClock();
    await setRateLimit(server, 'profile', 1, 3600);
    const ana = await kith.member(server, 'ana', { displayName: 'Ana' });
    const pinned = await post(ana, 'pin me');
    await ana.conn.reducers.pinPost({ postId: pinned.id });
    await expect(ana.conn.reducers.unpinPost({})).rejects.toThrow(
      'You are changing your profile too fast: try again in 3600 seconds.',
    );
  });
});

describe('typing expiries', () => {
  it('stay one per member however often the client refreshes, and still end on time', async () => {
    const { clock, server } = await onClock();
    const ana = await kith.member(server, 'ana');
    const fred = await kith.member(server, 'fred');
    await befriend(ana, fred);
    const onPost = await post(fred, 'typing here');
    const pending = async () =>
      (await server.sql(server.ownerToken, 'SELECT * FROM typing_expiry')).length;
    const typing = async () => {
      await fred.settle();
      return rows(fred, 'visibleTyping').map((t) => t.postId);
    };

    for (let i = 0; i < 10; i++) await ana.conn.reducers.startTyping({ postId: onPost.id });
    expect(await pending()).toBe(1);
    // Stop and start again while the first expiry is still pending: still one.
    await ana.conn.reducers.stopTyping({});
    await ana.conn.reducers.startTyping({ postId: onPost.id });
    expect(await pending()).toBe(1);
    expect(await typing()).toEqual([onPost.id]);

    clock.advance(7 * SECOND_MS);
    await ana.conn.reducers.startTyping({ postId: onPost.id });
    expect(await pending()).toBe(1);
    // The first expiry fires at 8 s, finds the row refreshed and waits for its new end.
    clock.advance(7 * SECOND_MS);
    expect(await typing()).toEqual([onPost.id]);
    expect(await pending()).toBe(1);
    clock.advance(SECOND_MS);
    expect(await typing()).toEqual([]);
    expect(await pending()).toBe(0);
  });
});
